package io.minibase.catalog.stock;

import java.util.Collection;
import java.util.List;

import io.minibase.catalog.stock.ReservationStatus.Move;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * The {@code stock_reservation} rows that remember what was reserved for each order, and
 * what became of it; a row's status comes from {@link ReservationStatus}, whose moves the
 * UPDATEs make only from the status the move starts at. The units themselves move on the
 * product's and SKUs' rows through the product feature's
 * {@link io.minibase.catalog.product.ProductStockMapper}, in the same transaction.
 */
@Mapper
interface StockMapper {

	/**
	 * Of these orders, those that have reservation rows already: reserved under another
	 * event id, or closed before their placement arrived.
	 */
	@Select("""
			<script>SELECT DISTINCT order_id FROM stock_reservation WHERE order_id IN
			<foreach item="id" collection="orderIds" open="(" separator="," close=")">#{id}</foreach></script>""")
	List<String> withReservations(@Param("orderIds") Collection<String> orderIds);

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

	/** A line to insert as reserved. */
	record ReservedRow(String orderId, long productId, long skuId, int quantity, long priceFen) {
	}

	/** A reserved line not yet released or sold, and its order. */
	record HeldByOrder(String orderId, long productId, long skuId, int quantity) {
	}

}
