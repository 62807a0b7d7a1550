package io.minibase.order.ordering;

import java.util.Collection;
import java.util.List;

import io.minibase.order.address.ShippingAddress;
import io.minibase.order.ordering.Order.OrderLine;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * Orders, their lines and the idempotency keys that placed them. Every change of status
 * is one {@link Order} decided, written as a conditional UPDATE on the status it was
 * decided on, so two writers (a cancel and an expiry, a shipment and a refund, a
 * confirmation and the completion sweep) cannot both win. Those UPDATEs name the primary
 * key as their index: left to choose, MariaDB takes
 * {@code idx_orders_status (status, id)} for {@code id = ? AND status = ?} and locks that
 * index's entry before the row, the other way round from a sweep or a refund, which lock
 * the row first; the two deadlocked in FulfilmentIT's races. The list and the lines of a
 * page are in OrderMapper.xml.
 */
@Mapper
interface OrderMapper {

	String COLUMNS = "id, user_id, status, reason, total_fen, remark, expires_at, paid_at, shipped_at, carrier, tracking_no,"
			+ " completed_at, created_at, updated_at";

	/**
	 * Claims a key for the order a request places, in the order's transaction; a
	 * duplicate waits for the first and then fails, and its transaction (its order with
	 * it) rolls back.
	 */
	@Insert("""
			INSERT INTO idempotency_key (user_id, idem_key, request_hash, order_id)
			VALUES (#{userId}, #{key}, #{hash}, #{orderId})""")
	void claimKey(@Param("userId") long userId, @Param("key") String key, @Param("hash") String hash,
			@Param("orderId") long orderId);

	@Select("SELECT request_hash, order_id FROM idempotency_key WHERE user_id = #{userId} AND idem_key = #{key}")
	ClaimedKey findKey(@Param("userId") long userId, @Param("key") String key);

	/**
	 * A new order in its first status, due to expire one payment window from now
	 * (database time).
	 */
	@Insert("""
			INSERT INTO orders (user_id, status, reason, total_fen, remark, expires_at)
			VALUES (#{userId}, #{status}, #{reason}, 0, #{remark},
			        CURRENT_TIMESTAMP(3) + INTERVAL #{windowMillis} * 1000 MICROSECOND)""")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
	void insert(NewOrder order);

	void insertLines(@Param("orderId") long orderId, @Param("lines") List<PlaceOrder.Line> lines);

	@Select("SELECT " + COLUMNS + " FROM orders WHERE id = #{id}")
	Order find(long id);

	@Select("SELECT " + COLUMNS + " FROM orders WHERE id = #{id} AND user_id = #{userId}")
	Order findOwned(@Param("id") long id, @Param("userId") long userId);

	@Select("""
			SELECT order_id, line_no, product_id, sku_id, specs, name, price_fen, quantity
			FROM order_item WHERE order_id = #{orderId} ORDER BY line_no""")
	List<OrderLine> lines(long orderId);

	/** The lines of several orders (one page). */
	List<OrderLine> linesOf(@Param("orderIds") Collection<Long> orderIds);

	/** A page of a user's orders, newest first, optionally of one status. */
	List<Order> page(@Param("userId") long userId, @Param("status") OrderStatus status,
			@Param("beforeId") Long beforeId, @Param("limit") int limit);

	/**
	 * Reserved at catalog's prices ({@link Order#reserve()}); catalog's answer is applied
	 * without reading the order first, so {@code from} is the one status a reservation
	 * leaves.
	 */
	@Update("""
			UPDATE orders FORCE INDEX (PRIMARY) SET status = 'AWAITING_PAYMENT', total_fen = #{totalFen}
			WHERE id = #{id} AND status = #{from}""")
	int reserved(@Param("id") long id, @Param("from") OrderStatus from, @Param("totalFen") long totalFen);

	/**
	 * Prices the lines catalog reserved as this SKU: the line that named it, and the line
	 * that named its product (catalog reserves a product and its only SKU named in one
	 * order as one line). An answer from before SKUs ({@code skuId} null) prices the line
	 * of its product.
	 */
	@Update("""
			UPDATE order_item SET product_id = #{productId}, sku_id = #{skuId}, specs = #{specs}, name = #{name},
			       price_fen = #{priceFen}
			WHERE order_id = #{orderId} AND (sku_id = #{skuId} OR (sku_id IS NULL AND product_id = #{productId}))""")
	int priceLine(@Param("orderId") long orderId, @Param("productId") String productId, @Param("skuId") String skuId,
			@Param("specs") String specs, @Param("name") String name, @Param("priceFen") long priceFen);

	/** Rejected ({@link Order#reject()}), for catalog's reason. */
	@Update("UPDATE orders FORCE INDEX (PRIMARY) SET status = 'REJECTED', reason = #{reason} WHERE id = #{id} AND status = #{from}")
	int rejected(@Param("id") long id, @Param("from") OrderStatus from, @Param("reason") String reason);

	/** Cancelled ({@link Order#cancel()}) by its buyer or by the expiry sweep. */
	@Update("""
			UPDATE orders FORCE INDEX (PRIMARY) SET status = 'CANCELLED', reason = #{reason}
			WHERE id = #{id} AND status = #{from}""")
	int cancelled(@Param("id") long id, @Param("from") OrderStatus from, @Param("reason") Order.CancelReason reason);

	/**
	 * Open orders past their window, locked; other instances' sweeps skip them.
	 * idx_orders_expiry.
	 */
	@Select("SELECT " + COLUMNS + """
			 FROM orders
			WHERE status IN ('PENDING', 'AWAITING_PAYMENT') AND expires_at <= CURRENT_TIMESTAMP(3)
			ORDER BY expires_at LIMIT #{limit} FOR UPDATE SKIP LOCKED""")
	List<Order> lockExpired(int limit);

	/** Paid: {@code to} as {@link Order#pay()} decided it, if for the order's total. */
	@Update("""
			UPDATE orders FORCE INDEX (PRIMARY) SET status = #{to}, paid_at = CURRENT_TIMESTAMP(3)
			WHERE id = #{id} AND status = #{from} AND total_fen = #{amountFen}""")
	int paid(@Param("id") long id, @Param("from") OrderStatus from, @Param("to") OrderStatus to,
			@Param("amountFen") long amountFen);

	/** Shipped ({@link Order#ship()}) with this carrier and tracking number. */
	@Update("""
			UPDATE orders FORCE INDEX (PRIMARY) SET status = 'SHIPPED', carrier = #{carrier}, tracking_no = #{trackingNo},
			       shipped_at = CURRENT_TIMESTAMP(3)
			WHERE id = #{id} AND status = #{from}""")
	int shipped(@Param("id") long id, @Param("from") OrderStatus from, @Param("carrier") String carrier,
			@Param("trackingNo") String trackingNo);

	/** Completed ({@link Order#complete()}): received, or the window passed. */
	@Update("""
			UPDATE orders FORCE INDEX (PRIMARY) SET status = 'COMPLETED', completed_at = CURRENT_TIMESTAMP(3)
			WHERE id = #{id} AND status = #{from}""")
	int completed(@Param("id") long id, @Param("from") OrderStatus from);

	/**
	 * Shipped orders whose buyer has not confirmed receipt within {@code windowMillis},
	 * locked; other instances' sweeps skip them. idx_orders_shipped.
	 */
	@Select("SELECT " + COLUMNS
			+ """
					 FROM orders
					WHERE status = 'SHIPPED' AND shipped_at <= CURRENT_TIMESTAMP(3) - INTERVAL #{windowMillis} * 1000 MICROSECOND
					ORDER BY shipped_at LIMIT #{limit} FOR UPDATE SKIP LOCKED""")
	List<Order> lockUnconfirmed(@Param("windowMillis") long windowMillis, @Param("limit") int limit);

	/**
	 * The order, locked until the transaction ends: refunds and shipping decide on it one
	 * after the other.
	 */
	@Select("SELECT " + COLUMNS + " FROM orders WHERE id = #{id} FOR UPDATE")
	Order lock(long id);

	/**
	 * Any other move decided by {@link Order}: from the status it was decided on to
	 * {@code to}, 0 when a concurrent writer moved the order first.
	 */
	@Update("UPDATE orders FORCE INDEX (PRIMARY) SET status = #{to} WHERE id = #{id} AND status = #{from}")
	int moved(@Param("id") long id, @Param("from") OrderStatus from, @Param("to") OrderStatus to);

	/** One page of all orders (the admin's list), newest first; OrderMapper.xml. */
	List<Order> search(@Param("status") OrderStatus status, @Param("q") Long q, @Param("beforeId") Long beforeId,
			@Param("limit") int limit);

	/** Where the order goes, copied from the buyer's address at placement. */
	@Insert("""
			INSERT INTO order_address (order_id, name, phone, province, city, district, detail)
			VALUES (#{orderId}, #{a.name}, #{a.phone}, #{a.province}, #{a.city}, #{a.district}, #{a.detail})""")
	void insertAddress(@Param("orderId") long orderId, @Param("a") ShippingAddress address);

	/** Where the order goes; null when it was placed without an address. */
	@Select("SELECT name, phone, province, city, district, detail FROM order_address WHERE order_id = #{orderId}")
	ShippingAddress address(long orderId);

	/** The addresses of several orders (one page); OrderMapper.xml. */
	List<OrderAddress> addressesOf(@Param("orderIds") Collection<Long> orderIds);

	/** An order's address, for a page of orders. */
	record OrderAddress(long orderId, String name, String phone, String province, String city, String district,
			String detail) {

		ShippingAddress address() {
			return new ShippingAddress(this.name, this.phone, this.province, this.city, this.district, this.detail);
		}

	}

	/** The hash of the request that claimed a key, and the order it placed. */
	record ClaimedKey(String requestHash, Long orderId) {
	}

	/**
	 * The columns of a new order; {@code id} is set by the insert. It awaits catalog's
	 * stock, or, placed for a product marked sold out, it is rejected from the start
	 * ({@link Order#reject()}'s outcome, without the round trip through catalog).
	 */
	final class NewOrder {

		private Long id;

		private final long userId;

		private final String remark;

		private final long windowMillis;

		private final OrderStatus status;

		private final String reason;

		private NewOrder(long userId, String remark, long windowMillis, OrderStatus status, String reason) {
			this.userId = userId;
			this.remark = remark;
			this.windowMillis = windowMillis;
			this.status = status;
			this.reason = reason;
		}

		/** An order that awaits catalog's answer. */
		static NewOrder awaitingStock(long userId, String remark, long windowMillis) {
			return new NewOrder(userId, remark, windowMillis, Order.AWAITING_STOCK, null);
		}

		/** An order rejected as it is placed, for {@code reason}. */
		static NewOrder rejected(long userId, String remark, long windowMillis, String reason) {
			return new NewOrder(userId, remark, windowMillis, OrderStatus.REJECTED, reason);
		}

		public Long getId() {
			return this.id;
		}

		public void setId(Long id) {
			this.id = id;
		}

		public long getUserId() {
			return this.userId;
		}

		public String getRemark() {
			return this.remark;
		}

		public long getWindowMillis() {
			return this.windowMillis;
		}

		public OrderStatus getStatus() {
			return this.status;
		}

		public String getReason() {
			return this.reason;
		}

	}

}
