package io.minibase.catalog.stock;

import java.util.Collection;
import java.util.List;

import io.minibase.catalog.product.ProductStatus;
import io.minibase.catalog.product.Sku;
import io.minibase.catalog.stock.ReservationStatus.Move;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * Stock changes on the {@code sku} and {@code product} tables and the
 * {@code stock_reservation} rows that remember them. Every change of stock is a
 * conditional UPDATE, never a read and then a write; a reservation row's status comes
 * from {@link ReservationStatus}, whose moves the UPDATEs make only from the status the
 * move starts at. A product's row is locked before any of its SKUs' (as the admin's
 * writes do), so two transactions never wait on each other's rows of one product in
 * opposite orders.
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

	/**
	 * One reservation row per SKU of each reserved order, in one statement, each
	 * {@link ReservationStatus#RESERVED}.
	 */
	@Insert("""
			<script>INSERT INTO stock_reservation (order_id, product_id, sku_id, quantity, price_fen, status) VALUES
			<foreach item="row" collection="rows" separator=",">
			(#{row.orderId}, #{row.productId}, #{row.skuId}, #{row.quantity}, #{row.priceFen}, #{status})
			</foreach></script>""")
	void insertReserved(@Param("rows") List<ReservedRow> rows, @Param("status") ReservationStatus status);

	/** Moves an order's rows that are still where {@code move} starts. */
	@Update("""
			UPDATE stock_reservation SET status = #{move.to}
			WHERE order_id = #{orderId} AND status = #{move.from}""")
	int close(@Param("orderId") String orderId, @Param("move") Move move);

	/**
	 * The lines an order bought ({@code move} {@link Move#RETURN}), locked until they are
	 * returned (or not).
	 */
	@Select("""
			SELECT order_id, product_id, sku_id, quantity FROM stock_reservation
			WHERE order_id = #{orderId} AND status = #{move.from} ORDER BY product_id, sku_id FOR UPDATE""")
	List<HeldByOrder> soldFor(@Param("orderId") String orderId, @Param("move") Move move);

	/**
	 * The lines these orders still hold ({@code move} {@link Move#RELEASE}), locked until
	 * the release commits.
	 */
	@Select("""
			<script>SELECT order_id, product_id, sku_id, quantity FROM stock_reservation
			WHERE status = #{move.from} AND order_id IN
			<foreach item="id" collection="orderIds" open="(" separator="," close=")">#{id}</foreach>
			ORDER BY order_id, product_id, sku_id FOR UPDATE</script>""")
	List<HeldByOrder> heldForAll(@Param("orderIds") Collection<String> orderIds, @Param("move") Move move);

	/** Moves these orders' rows that are still where {@code move} starts. */
	@Update("""
			<script>UPDATE stock_reservation SET status = #{move.to} WHERE status = #{move.from} AND order_id IN
			<foreach item="id" collection="orderIds" open="(" separator="," close=")">#{id}</foreach></script>""")
	int closeAll(@Param("orderIds") Collection<String> orderIds, @Param("move") Move move);

	/**
	 * Marks orders closed before anything was reserved for them, so that a late
	 * OrderPlaced reserves nothing: one {@link ClosedMarker} row each.
	 */
	@Insert("""
			<script>INSERT INTO stock_reservation (order_id, product_id, sku_id, quantity, price_fen, status) VALUES
			<foreach item="id" collection="orderIds" separator=",">
			(#{id}, #{marker.productId}, #{marker.skuId}, 0, 0, #{marker.status})
			</foreach></script>""")
	void insertClosed(@Param("orderIds") Collection<String> orderIds, @Param("marker") ClosedMarker marker);

	/**
	 * The row that remembers an order closed before anything was reserved for it (V3), so
	 * that its OrderPlaced, arriving late (replayed from a dead-letter topic, say),
	 * reserves nothing. It is kept as a {@code stock_reservation} row because it must
	 * outlive the transaction and the process, and because {@link #withReservations} then
	 * finds it in the same primary-key lookup that finds an order reserved under another
	 * event id. It names product 0 and SKU 0, ids no product or SKU has (they start at 1,
	 * and so do the ids an event may name), so it is one row per order under the key
	 * (order_id, sku_id) of V5 and no line ever matches it; it holds nothing, and being
	 * neither RESERVED nor SOLD it is never given back.
	 */
	record ClosedMarker(long productId, long skuId, ReservationStatus status) {

		static final ClosedMarker ROW = new ClosedMarker(0, 0, ReservationStatus.CLOSED);

	}

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
