package io.minibase.catalog.product;

import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * The statements through which the stock feature moves the units of products and their
 * SKUs, kept with the product's other writes so that one feature owns what its rows may
 * become: {@code product.stock} the sum of its SKUs', {@code version} bumped by every
 * write. The stock feature decides how many units move and runs these in its own
 * transaction; each change is a conditional UPDATE, never a read and then a write. A
 * product's row is locked before any of its SKUs' (as {@link ProductMapper#lock} does for
 * the admin's writes), so two transactions never wait on each other's rows of one product
 * in opposite orders.
 */
@Mapper
public interface ProductStockMapper {

	/**
	 * Takes {@code quantity} units of an on-sale product (the sum of what its SKUs give,
	 * below) if that many are left; locks its row.
	 * @return 1 when taken, 0 when the product is missing, off shelf or short
	 */
	@Update("""
			UPDATE product SET stock = stock - #{quantity}, version = version + 1
			WHERE id = #{productId} AND status = 'ON_SALE' AND stock >= #{quantity}""")
	int take(@Param("productId") long productId, @Param("quantity") int quantity);

	/**
	 * Takes {@code quantity} units of a SKU if that many are left.
	 * @return 1 when taken, 0 when the SKU is missing or short
	 */
	@Update("""
			UPDATE sku SET stock = stock - #{quantity}
			WHERE id = #{skuId} AND product_id = #{productId} AND stock >= #{quantity}""")
	int takeSku(@Param("skuId") long skuId, @Param("productId") long productId, @Param("quantity") int quantity);

	@Update("UPDATE product SET stock = stock + #{quantity}, version = version + 1 WHERE id = #{productId}")
	int giveBack(@Param("productId") long productId, @Param("quantity") int quantity);

	/**
	 * @return 0 when the SKU was deleted since: its units went with it
	 */
	@Update("UPDATE sku SET stock = stock + #{quantity} WHERE id = #{skuId} AND product_id = #{productId}")
	int giveBackSku(@Param("skuId") long skuId, @Param("productId") long productId, @Param("quantity") int quantity);

	/**
	 * The SKUs of these ids as they are now (not locked): which products they belong to.
	 */
	@Select("""
			<script>SELECT id, product_id, specs, price_fen, stock FROM sku WHERE id IN
			<foreach item="id" collection="skuIds" open="(" separator="," close=")">#{id}</foreach></script>""")
	List<Sku> skus(@Param("skuIds") Collection<Long> skuIds);

	/** Locks these products' rows, in id order (the order every writer locks them in). */
	@Select("""
			<script>SELECT id, name, price_fen, status, stock FROM product WHERE id IN
			<foreach item="id" collection="productIds" open="(" separator="," close=")">#{id}</foreach>
			ORDER BY id FOR UPDATE</script>""")
	List<ProductState> lockProducts(@Param("productIds") Collection<Long> productIds);

	/** Locks every SKU of these products (their rows locked already), in id order. */
	@Select("""
			<script>SELECT id, product_id, specs, price_fen, stock FROM sku WHERE product_id IN
			<foreach item="id" collection="productIds" open="(" separator="," close=")">#{id}</foreach>
			ORDER BY product_id, id FOR UPDATE</script>""")
	List<Sku> lockSkusOf(@Param("productIds") Collection<Long> productIds);

	/** A product's state inside the reserving transaction. */
	record ProductState(long id, String name, long priceFen, ProductStatus status, int stock) {
	}

}
