package io.minibase.order.catalog;

import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The copy of catalog's products and SKUs; the SKU list query is in the XML file. */
@Mapper
interface CatalogCopyMapper {

	/** The version of the product the copy holds, locked; null when it holds none. */
	@Select("SELECT version FROM catalog_product WHERE product_id = #{productId} FOR UPDATE")
	Long lockVersion(String productId);

	@Insert("""
			INSERT INTO catalog_product (product_id, name, status, version)
			VALUES (#{productId}, #{name}, #{status}, #{version})
			ON DUPLICATE KEY UPDATE name = VALUES(name), status = VALUES(status), version = VALUES(version)""")
	void putProduct(@Param("productId") String productId, @Param("name") String name, @Param("status") String status,
			@Param("version") long version);

	@Delete("DELETE FROM catalog_sku WHERE product_id = #{productId}")
	void deleteSkus(String productId);

	@Insert("""
			INSERT INTO catalog_sku (sku_id, product_id, specs, price_fen)
			VALUES (#{skuId}, #{productId}, #{specs}, #{priceFen})
			ON DUPLICATE KEY UPDATE product_id = VALUES(product_id), specs = VALUES(specs),
			                        price_fen = VALUES(price_fen)""")
	void putSku(@Param("skuId") String skuId, @Param("productId") String productId, @Param("specs") String specs,
			@Param("priceFen") long priceFen);

	/** These SKUs with their products, as the copy holds them; CatalogCopyMapper.xml. */
	List<CatalogSku> skus(@Param("skuIds") Collection<String> skuIds);

}
