package io.minibase.order.wechat;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** What the WeChat notices read of orders, and their own two tables. */
@Mapper
interface NoticeMapper {

	/** The names of the order's lines, in order (the primary key). */
	@Select("SELECT name FROM order_item WHERE order_id = #{orderId} ORDER BY line_no")
	List<String> itemNames(long orderId);

	/** The order's lines as WeChat's {@code item_desc} shows them: name*quantity. */
	@Select("SELECT CONCAT(name, '*', quantity) FROM order_item WHERE order_id = #{orderId} ORDER BY line_no")
	List<String> itemLines(long orderId);

	@Select("SELECT status FROM orders WHERE id = #{orderId}")
	String status(long orderId);

	/**
	 * Unpaid orders expiring within {@code beforeSeconds} and not reminded yet, locked
	 * (idx_orders_expiry); another instance skips them.
	 */
	@Select("""
			SELECT o.id, o.user_id, o.expires_at FROM orders o
			WHERE o.status = 'AWAITING_PAYMENT' AND o.expires_at > CURRENT_TIMESTAMP(3)
			  AND o.expires_at <= CURRENT_TIMESTAMP(3) + INTERVAL #{beforeSeconds} SECOND
			  AND NOT EXISTS (SELECT 1 FROM wechat_expiry_reminder r WHERE r.order_id = o.id)
			ORDER BY o.expires_at LIMIT #{limit} FOR UPDATE SKIP LOCKED""")
	List<Expiring> lockExpiring(@Param("beforeSeconds") long beforeSeconds, @Param("limit") int limit);

	@Insert("INSERT INTO wechat_expiry_reminder (order_id) VALUES (#{orderId})")
	void reminded(long orderId);

	/** An upload is due for the order, now; nothing when one is recorded already. */
	@Insert("INSERT IGNORE INTO wechat_shipping_upload (order_id) VALUES (#{orderId})")
	void uploadDue(long orderId);

	/** Due uploads, locked; another instance skips them (idx_wechat_shipping_due). */
	@Select("""
			SELECT order_id FROM wechat_shipping_upload
			WHERE status = 'PENDING' AND next_attempt_at <= CURRENT_TIMESTAMP(3)
			ORDER BY next_attempt_at LIMIT #{limit} FOR UPDATE SKIP LOCKED""")
	List<Long> lockDueUploads(int limit);

	/** Taken by this instance for {@code leaseMillis}: no other takes it meanwhile. */
	@Update("""
			UPDATE wechat_shipping_upload SET attempts = attempts + 1,
			  next_attempt_at = CURRENT_TIMESTAMP(3) + INTERVAL #{leaseMillis} * 1000 MICROSECOND
			WHERE order_id = #{orderId} AND status = 'PENDING'""")
	void lease(@Param("orderId") long orderId, @Param("leaseMillis") long leaseMillis);

	@Select("SELECT attempts FROM wechat_shipping_upload WHERE order_id = #{orderId}")
	int attempts(long orderId);

	/** What the upload says: the carrier, the payment and the receiver's phone. */
	@Select("""
			SELECT o.id, o.user_id, o.carrier, o.tracking_no, o.shipped_at, p.transaction_id, a.phone
			FROM orders o JOIN payment p ON p.order_id = o.id LEFT JOIN order_address a ON a.order_id = o.id
			WHERE o.id = #{orderId}""")
	Shipment shipment(long orderId);

	@Update("""
			UPDATE wechat_shipping_upload SET status = #{status}, errcode = #{errcode},
			  done_at = CURRENT_TIMESTAMP(3)
			WHERE order_id = #{orderId}""")
	void finished(@Param("orderId") long orderId, @Param("status") String status, @Param("errcode") Integer errcode);

	@Update("""
			UPDATE wechat_shipping_upload SET errcode = #{errcode},
			  next_attempt_at = CURRENT_TIMESTAMP(3) + INTERVAL #{delayMillis} * 1000 MICROSECOND
			WHERE order_id = #{orderId} AND status = 'PENDING'""")
	void retryLater(@Param("orderId") long orderId, @Param("errcode") Integer errcode,
			@Param("delayMillis") long delayMillis);

	@Select("SELECT COUNT(*) FROM wechat_shipping_upload WHERE status = 'PENDING'")
	long pendingUploads();

	record Expiring(long id, long userId, Instant expiresAt) {
	}

	record Shipment(long id, long userId, String carrier, String trackingNo, Instant shippedAt, String transactionId,
			String phone) {
	}

}
