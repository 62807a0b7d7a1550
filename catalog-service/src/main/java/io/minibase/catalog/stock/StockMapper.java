package io.minibase.catalog.stock;

import java.util.Collection;
import java.util.List;

import io.minibase.catalog.product.ProductStatus;
import io.minibase.catalog.product.Sku;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * Stock changes on the {@code sku} and {@code product} tables and the
 * {@code stock_reservation} rows that remember them. Every change of stock is a
 * conditional UPDATE, never a read and then a write. A product's row is locked before any
 * of its SKUs' (as the admin's writes do), so two transactions never wait on each other's
 * rows of one product in opposite orders.
 */
@Mapper
interface StockMapper {

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
	 * Of these orders, those that have reservation rows already: reserved under another
	 * event id, or closed before their placement arrived.
	 */
	@Select("""
			<script>SELECT DISTINCT order_id FROM stock_reservation WHERE order_id IN
			<foreach item="id" collection="orderIds" open="(" separator="," close=")">#{id}</foreach></script>""")
	List<String> withReservations(@Param("orderIds") Collection<String> orderIds);

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

	/** One reservation row per SKU of each reserved order, in one statement. */
	@Insert("""
			<script>INSERT INTO stock_reservation (order_id, product_id, sku_id, quantity, price_fen, status) VALUES
			<foreach item="row" collection="rows" separator=",">
			(#{row.orderId}, #{row.productId}, #{row.skuId}, #{row.quantity}, #{row.priceFen}, 'RESERVED')
			</foreach></script>""")
	void insertReserved(@Param("rows") List<ReservedRow> rows);

	@Update("""
			UPDATE stock_reservation SET status = #{to}
			WHERE order_id = #{orderId} AND status = 'RESERVED'""")
	int close(@Param("orderId") String orderId, @Param("to") String to);

	/** The lines an order bought, locked until they are returned (or not). */
	@Select("""
			SELECT order_id, product_id, sku_id, quantity FROM stock_reservation
			WHERE order_id = #{orderId} AND status = 'SOLD' ORDER BY product_id, sku_id FOR UPDATE""")
	List<HeldByOrder> soldFor(String orderId);

	/** A sold order's units came back (refunded before shipping): never twice. */
	@Update("""
			UPDATE stock_reservation SET status = 'RETURNED'
			WHERE order_id = #{orderId} AND status = 'SOLD'""")
	int returned(String orderId);

	/** The lines these orders still hold, locked until the release commits. */
	@Select("""
			<script>SELECT order_id, product_id, sku_id, quantity FROM stock_reservation
			WHERE status = 'RESERVED' AND order_id IN
			<foreach item="id" collection="orderIds" open="(" separator="," close=")">#{id}</foreach>
			ORDER BY order_id, product_id, sku_id FOR UPDATE</script>""")
	List<HeldByOrder> heldForAll(@Param("orderIds") Collection<String> orderIds);

	@Update("""
			<script>UPDATE stock_reservation SET status = #{to} WHERE status = 'RESERVED' AND order_id IN
			<foreach item="id" collection="orderIds" open="(" separator="," close=")">#{id}</foreach></script>""")
	int closeAll(@Param("orderIds") Collection<String> orderIds, @Param("to") String to);

	/**
	 * Marks orders closed before anything was reserved for them, so that a late
	 * OrderPlaced reserves nothing (the row of product 0, SKU 0).
	 */
	@Insert("""
			<script>INSERT INTO stock_reservation (order_id, product_id, sku_id, quantity, price_fen, status) VALUES
			<foreach item="id" collection="orderIds" separator=",">(#{id}, 0, 0, 0, 0, 'CLOSED')</foreach></script>""")
	void insertClosed(@Param("orderIds") Collection<String> orderIds);

	/** A product's state inside the reserving transaction. */
	record ProductState(long id, String name, long priceFen, ProductStatus status, int stock) {
	}

	/** A line to insert as reserved. */
	record ReservedRow(String orderId, long productId, long skuId, int quantity, long priceFen) {
	}

	/** A reserved line not yet released or sold, and its order. */
	record HeldByOrder(String orderId, long productId, long skuId, int quantity) {
	}

}
