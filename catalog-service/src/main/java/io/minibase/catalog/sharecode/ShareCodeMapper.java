package io.minibase.catalog.sharecode;

import io.minibase.catalog.product.ProductStatus;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The stored share codes, one per product and page. */
@Mapper
interface ShareCodeMapper {

	/**
	 * The product's status and its stored code for the page, if any (the primary keys of
	 * both tables); null when there is no such product.
	 */
	@Select("""
			SELECT p.status, c.png, c.sha256
			FROM product p LEFT JOIN product_share_code c ON c.product_id = p.id AND c.page = #{page}
			WHERE p.id = #{productId}""")
	Stored find(@Param("productId") long productId, @Param("page") String page);

	/** Keeps the code unless another request stored one first (that one stays). */
	@Insert("""
			INSERT IGNORE INTO product_share_code (product_id, page, png, sha256)
			VALUES (#{productId}, #{page}, #{png}, #{sha256})""")
	void insertIfAbsent(@Param("productId") long productId, @Param("page") String page, @Param("png") byte[] png,
			@Param("sha256") String sha256);

	/** A product's status and its code (null until one is made). */
	record Stored(ProductStatus status, byte[] png, String sha256) {
	}

}
