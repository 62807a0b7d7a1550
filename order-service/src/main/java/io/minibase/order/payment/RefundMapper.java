package io.minibase.order.payment;

import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Refunds of paid orders, and the payment row that guards their sum. */
@Mapper
interface RefundMapper {

	String COLUMNS = "id, order_id, amount_fen, reason, status, submitted";

	/**
	 * The order's paid amount, its payment row locked: refunds of one order are decided
	 * one at a time. Null unless the payment is PAID.
	 */
	@Select("SELECT amount_fen FROM payment WHERE order_id = #{orderId} AND status = 'PAID' FOR UPDATE")
	Long lockPaid(long orderId);

	/** The amount of a payment marked REFUND_DUE, its row locked; null otherwise. */
	@Select("SELECT amount_fen FROM payment WHERE order_id = #{orderId} AND status = 'REFUND_DUE' FOR UPDATE")
	Long lockRefundDue(long orderId);

	/**
	 * Orders whose payment is REFUND_DUE (paid after they expired) and not being refunded
	 * yet. idx_payment_unsettled, idx_refund_order.
	 */
	@Select("""
			SELECT p.order_id FROM payment p
			WHERE p.status = 'REFUND_DUE' AND NOT EXISTS (
			  SELECT 1 FROM refund r WHERE r.order_id = p.order_id AND r.status IN ('PROCESSING', 'SUCCESS'))
			ORDER BY p.order_id LIMIT #{limit}""")
	List<Long> dueWithoutRefund(int limit);

	/**
	 * What the order's refunds take back, or may still take back. A locking read: it sees
	 * the refund a concurrent request committed while this one waited for the payment
	 * row, where a plain read would see this transaction's older snapshot (REPEATABLE
	 * READ) and let both refunds through.
	 */
	@Select("""
			SELECT COALESCE(SUM(amount_fen), 0) FROM refund
			WHERE order_id = #{orderId} AND status IN ('PROCESSING', 'SUCCESS') FOR UPDATE""")
	long committed(long orderId);

	@Select("SELECT COALESCE(SUM(amount_fen), 0) FROM refund WHERE order_id = #{orderId} AND status = 'SUCCESS'")
	long succeeded(long orderId);

	@Insert("""
			INSERT INTO refund (order_id, amount_fen, reason, status)
			VALUES (#{orderId}, #{amountFen}, #{reason}, 'PROCESSING')""")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
	void insert(NewRefund refund);

	@Select("SELECT " + COLUMNS + " FROM refund WHERE id = #{id}")
	RefundRow find(long id);

	@Select("SELECT " + COLUMNS + " FROM refund WHERE order_id = #{orderId} ORDER BY id")
	List<RefundRow> ofOrder(long orderId);

	/** The refunds of several orders (one page); RefundMapper.xml. */
	List<RefundRow> ofOrders(@Param("orderIds") List<Long> orderIds);

	/** WeChat Pay accepted it; its result comes with the refund notify. */
	@Update("UPDATE refund SET submitted = TRUE WHERE id = #{id}")
	int submitted(long id);

	/** Its result, once: 0 when it was recorded before. */
	@Update("UPDATE refund SET status = #{status}, submitted = TRUE WHERE id = #{id} AND status = 'PROCESSING'")
	int settle(@Param("id") long id, @Param("status") RefundStatus status);

	/** Refunds WeChat Pay has not accepted yet (an outage when they were asked for). */
	@Select("""
			SELECT id, order_id, amount_fen, reason, status, submitted FROM refund
			WHERE submitted = FALSE AND status = 'PROCESSING'
			  AND created_at <= CURRENT_TIMESTAMP(3) - INTERVAL #{afterMillis} * 1000 MICROSECOND
			ORDER BY created_at LIMIT #{limit}""")
	List<RefundRow> unsubmitted(@Param("afterMillis") long afterMillis, @Param("limit") int limit);

	/**
	 * Refunds WeChat Pay accepted whose result has not come within {@code afterMillis},
	 * each at most once per {@code afterMillis}. idx_refund_unconfirmed.
	 */
	@Select("""
			SELECT id, order_id, amount_fen, reason, status, submitted FROM refund
			WHERE status = 'PROCESSING' AND submitted = TRUE
			  AND updated_at <= CURRENT_TIMESTAMP(3) - INTERVAL #{afterMillis} * 1000 MICROSECOND
			  AND (checked_at IS NULL OR checked_at <= CURRENT_TIMESTAMP(3) - INTERVAL #{afterMillis} * 1000 MICROSECOND)
			ORDER BY checked_at, id LIMIT #{limit}""")
	List<RefundRow> unconfirmed(@Param("afterMillis") long afterMillis, @Param("limit") int limit);

	/** Claims a refund for this round of reconciliation; 0 when another instance has. */
	@Update("""
			UPDATE refund SET checked_at = CURRENT_TIMESTAMP(3), updated_at = updated_at
			WHERE id = #{id} AND status = 'PROCESSING'
			  AND (checked_at IS NULL OR checked_at <= CURRENT_TIMESTAMP(3) - INTERVAL #{afterMillis} * 1000 MICROSECOND)""")
	int claim(@Param("id") long id, @Param("afterMillis") long afterMillis);

	/** A refund as stored. */
	record RefundRow(long id, long orderId, long amountFen, String reason, RefundStatus status, boolean submitted) {

		/** Our number for it at WeChat Pay ({@code out_refund_no}), and the API's id. */
		String refundNo() {
			return refundNo(this.id);
		}

		static String refundNo(long id) {
			return String.format("RF%018d", id);
		}

		static Long idOf(String refundNo) {
			return (refundNo != null && refundNo.matches("RF[0-9]{18}")) ? Long.valueOf(refundNo.substring(2)) : null;
		}

	}

	/** The columns of a new refund; {@code id} is set by the insert. */
	final class NewRefund {

		private Long id;

		private final long orderId;

		private final long amountFen;

		private final String reason;

		NewRefund(long orderId, long amountFen, String reason) {
			this.orderId = orderId;
			this.amountFen = amountFen;
			this.reason = reason;
		}

		public Long getId() {
			return this.id;
		}

		public void setId(Long id) {
			this.id = id;
		}

		public long getOrderId() {
			return this.orderId;
		}

		public long getAmountFen() {
			return this.amountFen;
		}

		public String getReason() {
			return this.reason;
		}

	}

}
