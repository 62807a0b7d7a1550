package io.minibase.catalog.stock;

import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * Stock changes on the {@code product} table and the {@code stock_reservation} rows that
 * remember them. Every change of stock is a conditional UPDATE, never a read and then a
 * write.
 */
@Mapper
interface StockMapper {

	/**
	 * Takes {@code quantity} units of an on-sale product if that many are left.
	 * @return 1 when taken, 0 when the product is missing, off shelf or short
	 */
	@Update("""
			UPDATE product SET stock = stock - #{quantity}, version = version + 1
			WHERE id = #{productId} AND status = 'ON_SALE' AND stock >= #{quantity}""")
	int take(@Param("productId") long productId, @Param("quantity") int quantity);

	@Update("UPDATE product SET stock = stock + #{quantity}, version = version + 1 WHERE id = #{productId}")
	int giveBack(@Param("productId") long productId, @Param("quantity") int quantity);

	/** Name, price and status as this transaction sees them (locked once taken). */
	@Select("SELECT id, name, price_fen, status, stock FROM product WHERE id = #{productId}")
	ProductState state(long productId);

	@Select("SELECT COUNT(*) FROM stock_reservation WHERE order_id = #{orderId}")
	int countForOrder(String orderId);

	@Insert("""
			INSERT INTO stock_reservation (order_id, product_id, quantity, price_fen, status)
			VALUES (#{orderId}, #{productId}, #{quantity}, #{priceFen}, #{status})""")
	void insert(@Param("orderId") String orderId, @Param("productId") long productId, @Param("quantity") int quantity,
			@Param("priceFen") long priceFen, @Param("status") String status);

	/** The lines still held for an order, locked until the release commits. */
	@Select("""
			SELECT product_id, quantity FROM stock_reservation
			WHERE order_id = #{orderId} AND status = 'RESERVED' ORDER BY product_id FOR UPDATE""")
	List<HeldLine> heldFor(String orderId);

	@Update("""
			UPDATE stock_reservation SET status = #{to}
			WHERE order_id = #{orderId} AND status = 'RESERVED'""")
	int close(@Param("orderId") String orderId, @Param("to") String to);

	/** A product's state inside the reserving transaction. */
	record ProductState(long id, String name, long priceFen, String status, int stock) {
	}

	/** A reserved line not yet released or sold. */
	record HeldLine(long productId, int quantity) {
	}

}
