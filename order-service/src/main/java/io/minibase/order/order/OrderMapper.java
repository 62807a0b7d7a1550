package io.minibase.order.order;

import java.util.Collection;
import java.util.List;

import io.minibase.order.order.Order.OrderLine;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * Orders, their lines and the idempotency keys that placed them. Every change of status
 * is a conditional UPDATE on the status it leaves, so two writers (a cancel and an
 * expiry, a payment and an expiry) cannot both win. The list and the lines of a page are
 * in OrderMapper.xml.
 */
@Mapper
interface OrderMapper {

	String COLUMNS = "id, user_id, status, reason, total_fen, remark, expires_at, paid_at, created_at, updated_at";

	/** Claims a key for a request; a duplicate waits for the first and then fails. */
	@Insert("INSERT INTO idempotency_key (user_id, idem_key, request_hash) VALUES (#{userId}, #{key}, #{hash})")
	void claimKey(@Param("userId") long userId, @Param("key") String key, @Param("hash") String hash);

	@Update("UPDATE idempotency_key SET order_id = #{orderId} WHERE user_id = #{userId} AND idem_key = #{key}")
	void attachKey(@Param("userId") long userId, @Param("key") String key, @Param("orderId") long orderId);

	@Select("SELECT request_hash, order_id FROM idempotency_key WHERE user_id = #{userId} AND idem_key = #{key}")
	ClaimedKey findKey(@Param("userId") long userId, @Param("key") String key);

	/** A new PENDING order, due to expire one payment window from now (database time). */
	@Insert("""
			INSERT INTO orders (user_id, status, total_fen, remark, expires_at)
			VALUES (#{userId}, 'PENDING', 0, #{remark},
			        CURRENT_TIMESTAMP(3) + INTERVAL #{windowMillis} * 1000 MICROSECOND)""")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
	void insert(NewOrder order);

	void insertLines(@Param("orderId") long orderId, @Param("lines") List<PlaceOrder.Line> lines);

	@Select("SELECT " + COLUMNS + " FROM orders WHERE id = #{id}")
	Order find(long id);

	@Select("SELECT " + COLUMNS + " FROM orders WHERE id = #{id} AND user_id = #{userId}")
	Order findOwned(@Param("id") long id, @Param("userId") long userId);

	@Select("""
			SELECT order_id, line_no, product_id, name, price_fen, quantity
			FROM order_item WHERE order_id = #{orderId} ORDER BY line_no""")
	List<OrderLine> lines(long orderId);

	/** The lines of several orders (one page). */
	List<OrderLine> linesOf(@Param("orderIds") Collection<Long> orderIds);

	/** A page of a user's orders, newest first, optionally of one status. */
	List<Order> page(@Param("userId") long userId, @Param("status") OrderStatus status,
			@Param("beforeId") Long beforeId, @Param("limit") int limit);

	@Update("""
			UPDATE orders SET status = 'AWAITING_PAYMENT', total_fen = #{totalFen}
			WHERE id = #{id} AND status = 'PENDING'""")
	int reserved(@Param("id") long id, @Param("totalFen") long totalFen);

	@Update("""
			UPDATE order_item SET name = #{name}, price_fen = #{priceFen}
			WHERE order_id = #{orderId} AND product_id = #{productId}""")
	int priceLine(@Param("orderId") long orderId, @Param("productId") String productId, @Param("name") String name,
			@Param("priceFen") long priceFen);

	@Update("UPDATE orders SET status = 'REJECTED', reason = #{reason} WHERE id = #{id} AND status = 'PENDING'")
	int rejected(@Param("id") long id, @Param("reason") String reason);

	/** Cancels an order still open; {@code reason} is USER or EXPIRED. */
	@Update("""
			UPDATE orders SET status = 'CANCELLED', reason = #{reason}
			WHERE id = #{id} AND status IN ('PENDING', 'AWAITING_PAYMENT')""")
	int cancelled(@Param("id") long id, @Param("reason") String reason);

	/** Open orders past their window, locked; other instances' sweeps skip them. */
	@Select("""
			SELECT id, user_id FROM orders
			WHERE status IN ('PENDING', 'AWAITING_PAYMENT') AND expires_at <= CURRENT_TIMESTAMP(3)
			ORDER BY expires_at LIMIT #{limit} FOR UPDATE SKIP LOCKED""")
	List<Due> lockExpired(int limit);

	/** Paid, if still awaiting payment and not past its window. */
	@Update("""
			UPDATE orders SET status = 'PAID', paid_at = CURRENT_TIMESTAMP(3)
			WHERE id = #{id} AND status = 'AWAITING_PAYMENT' AND total_fen = #{amountFen}""")
	int paid(@Param("id") long id, @Param("amountFen") long amountFen);

	/** Its whole payment is being refunded. */
	@Update("UPDATE orders SET status = 'REFUNDING' WHERE id = #{id} AND status = 'PAID'")
	int refunding(long id);

	/** Its whole payment went back. */
	@Update("UPDATE orders SET status = 'REFUNDED' WHERE id = #{id} AND status IN ('PAID', 'REFUNDING')")
	int refunded(long id);

	/**
	 * A whole refund failed (closed, abnormal): the order is paid, and refundable again.
	 */
	@Update("UPDATE orders SET status = 'PAID' WHERE id = #{id} AND status = 'REFUNDING'")
	int refundFailed(long id);

	/** The hash of the request that claimed a key, and the order it placed. */
	record ClaimedKey(String requestHash, Long orderId) {
	}

	/** An order due to expire. */
	record Due(long id, long userId) {
	}

	/** The columns of a new order; {@code id} is set by the insert. */
	final class NewOrder {

		private Long id;

		private final long userId;

		private final String remark;

		private final long windowMillis;

		NewOrder(long userId, String remark, long windowMillis) {
			this.userId = userId;
			this.remark = remark;
			this.windowMillis = windowMillis;
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

	}

}
