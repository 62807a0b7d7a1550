package io.minibase.order.payment;

import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** An order's payment: the prepay answer, then the provider's transaction id. */
@Mapper
interface PaymentMapper {

	/** Records a prepay unless the order has one already. */
	@Insert("""
			INSERT IGNORE INTO payment (order_id, provider, prepay_id, amount_fen, prepay_params, status)
			VALUES (#{orderId}, #{provider}, #{prepayId}, #{amountFen}, #{prepayParams}, 'PREPAID')""")
	int insert(@Param("orderId") long orderId, @Param("provider") String provider, @Param("prepayId") String prepayId,
			@Param("amountFen") long amountFen, @Param("prepayParams") String prepayParams);

	/**
	 * The {@code wx.requestPayment} parameters of the order's open prepay with this
	 * provider, or null: paying again answers the same prepay order.
	 */
	@Select("""
			SELECT prepay_params FROM payment
			WHERE order_id = #{orderId} AND provider = #{provider} AND status = 'PREPAID' AND prepay_id IS NOT NULL""")
	String openPrepay(@Param("orderId") long orderId, @Param("provider") String provider);

	@Update("""
			UPDATE payment SET provider = #{provider}, prepay_id = #{prepayId}, prepay_params = #{prepayParams}
			WHERE order_id = #{orderId} AND status = 'PREPAID'""")
	int refresh(@Param("orderId") long orderId, @Param("provider") String provider, @Param("prepayId") String prepayId,
			@Param("prepayParams") String prepayParams);

	/**
	 * Records the provider's transaction on a payment not yet confirmed.
	 * @return 0 when the payment was confirmed before (a repeated notification) or is
	 * unknown
	 */
	@Update("""
			UPDATE payment SET status = 'PAID', transaction_id = #{transactionId}, paid_at = CURRENT_TIMESTAMP(3)
			WHERE order_id = #{orderId} AND transaction_id IS NULL""")
	int confirm(@Param("orderId") long orderId, @Param("transactionId") String transactionId);

	/** Money arrived for an order that is no longer payable: it must go back. */
	@Update("UPDATE payment SET status = 'REFUND_DUE' WHERE order_id = #{orderId}")
	int refundDue(long orderId);

	@Select("SELECT status FROM payment WHERE order_id = #{orderId}")
	String status(long orderId);

	/**
	 * Open payments to ask the provider about: those of cancelled (or expired) orders,
	 * and those open longer than {@code afterMillis} whose notify has not come; each at
	 * most once per {@code afterMillis}. idx_payment_unsettled.
	 */
	@Select("""
			SELECT p.order_id, o.status = 'CANCELLED' AS order_cancelled FROM payment p JOIN orders o ON o.id = p.order_id
			WHERE p.status = 'PREPAID' AND p.prepay_id IS NOT NULL
			  AND (o.status = 'CANCELLED' OR p.created_at <= CURRENT_TIMESTAMP(3) - INTERVAL #{afterMillis} * 1000 MICROSECOND)
			  AND (p.checked_at IS NULL OR p.checked_at <= CURRENT_TIMESTAMP(3) - INTERVAL #{afterMillis} * 1000 MICROSECOND)
			ORDER BY p.checked_at, p.order_id LIMIT #{limit}""")
	List<Unsettled> unsettled(@Param("afterMillis") long afterMillis, @Param("limit") int limit);

	/**
	 * Claims a payment for this round of reconciliation; 0 when another instance has just
	 * claimed it.
	 */
	@Update("""
			UPDATE payment SET checked_at = CURRENT_TIMESTAMP(3)
			WHERE order_id = #{orderId} AND status = 'PREPAID'
			  AND (checked_at IS NULL OR checked_at <= CURRENT_TIMESTAMP(3) - INTERVAL #{afterMillis} * 1000 MICROSECOND)""")
	int claim(@Param("orderId") long orderId, @Param("afterMillis") long afterMillis);

	/** The provider closed the payment: it can never be paid. */
	@Update("UPDATE payment SET status = 'CLOSED' WHERE order_id = #{orderId} AND status = 'PREPAID'")
	int closed(long orderId);

	/**
	 * An open payment, and whether its order was cancelled (by its buyer or the expiry):
	 * then its payment is closed rather than asked about.
	 */
	record Unsettled(long orderId, boolean orderCancelled) {
	}

}
