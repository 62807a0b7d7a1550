package io.minibase.catalog.stock;

import java.util.List;

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

	/** Locks a product's row before its SKUs get units back. */
	@Select("SELECT id FROM product WHERE id = #{productId} FOR UPDATE")
	Long lockProduct(long productId);

	@Update("UPDATE product SET stock = stock + #{quantity}, version = version + 1 WHERE id = #{productId}")
	int giveBack(@Param("productId") long productId, @Param("quantity") int quantity);

	/**
	 * @return 0 when the SKU was deleted since: its units went with it
	 */
	@Update("UPDATE sku SET stock = stock + #{quantity} WHERE id = #{skuId} AND product_id = #{productId}")
	int giveBackSku(@Param("skuId") long skuId, @Param("productId") long productId, @Param("quantity") int quantity);

	/** Name, price and status as this transaction sees them (locked once taken). */
	@Select("SELECT id, name, price_fen, status, stock FROM product WHERE id = #{productId}")
	ProductState state(long productId);

	/** A SKU as this transaction sees it (locked once taken). */
	@Select("SELECT id, product_id, specs, price_fen, stock FROM sku WHERE id = #{skuId}")
	Sku sku(long skuId);

	/** A product's SKUs (idx_sku_product). */
	@Select("SELECT id, product_id, specs, price_fen, stock FROM sku WHERE product_id = #{productId} ORDER BY id")
	List<Sku> skusOf(long productId);

	@Select("SELECT COUNT(*) FROM stock_reservation WHERE order_id = #{orderId}")
	int countForOrder(String orderId);

	@Insert("""
			INSERT INTO stock_reservation (order_id, product_id, sku_id, quantity, price_fen, status)
			VALUES (#{orderId}, #{productId}, #{skuId}, #{quantity}, #{priceFen}, #{status})""")
	void insert(@Param("orderId") String orderId, @Param("productId") long productId, @Param("skuId") long skuId,
			@Param("quantity") int quantity, @Param("priceFen") long priceFen, @Param("status") String status);

	/** The lines still held for an order, locked until the release commits. */
	@Select("""
			SELECT product_id, sku_id, quantity FROM stock_reservation
			WHERE order_id = #{orderId} AND status = 'RESERVED' ORDER BY product_id, sku_id FOR UPDATE""")
	List<HeldLine> heldFor(String orderId);

	@Update("""
			UPDATE stock_reservation SET status = #{to}
			WHERE order_id = #{orderId} AND status = 'RESERVED'""")
	int close(@Param("orderId") String orderId, @Param("to") String to);

	/** The lines an order bought, locked until they are returned (or not). */
	@Select("""
			SELECT product_id, sku_id, quantity FROM stock_reservation
			WHERE order_id = #{orderId} AND status = 'SOLD' ORDER BY product_id, sku_id FOR UPDATE""")
	List<HeldLine> soldFor(String orderId);

	/** A sold order's units came back (refunded before shipping): never twice. */
	@Update("""
			UPDATE stock_reservation SET status = 'RETURNED'
			WHERE order_id = #{orderId} AND status = 'SOLD'""")
	int returned(String orderId);

	/** A product's state inside the reserving transaction. */
	record ProductState(long id, String name, long priceFen, String status, int stock) {
	}

	/** A reserved line not yet released or sold. */
	record HeldLine(long productId, long skuId, int quantity) {
	}

}
