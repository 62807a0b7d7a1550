package io.minibase.order.aftersale;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * After-sales as stored. A decision is one {@link AfterSale} move written as a
 * conditional UPDATE on {@code REQUESTED}: the guard against a concurrent decision, never
 * the rule. The admin's list is in AfterSaleMapper.xml.
 */
@Mapper
interface AfterSaleMapper {

	String COLUMNS = "id, order_id, user_id, status, reason, amount_fen, image_file_ids, reject_reason, refund_id,"
			+ " created_at, updated_at";

	/**
	 * A new REQUESTED after-sale.
	 * @throws org.springframework.dao.DuplicateKeyException when the order has an open
	 * one (uk_after_sale_open)
	 */
	@Insert("""
			INSERT INTO after_sale (order_id, user_id, reason, amount_fen, image_file_ids)
			VALUES (#{orderId}, #{userId}, #{reason}, #{amountFen}, #{imageFileIds})""")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
	void insert(NewAfterSale afterSale);

	@Select("SELECT " + COLUMNS + " FROM after_sale WHERE id = #{id}")
	Row find(long id);

	/** The order's open after-sale, if any (uk_after_sale_open). */
	@Select("SELECT id FROM after_sale WHERE open_order_id = #{orderId}")
	Long openOf(long orderId);

	/** An order's after-sales, oldest first (idx_after_sale_order). */
	@Select("SELECT " + COLUMNS + " FROM after_sale WHERE order_id = #{orderId} ORDER BY id")
	List<Row> ofOrder(long orderId);

	/** One page of every after-sale, newest first, optionally of one status. */
	List<Row> page(@Param("status") AfterSaleStatus status, @Param("beforeId") Long beforeId,
			@Param("limit") int limit);

	/**
	 * Approved ({@link AfterSale#approve()}), its refund started; 0 when decided
	 * meanwhile.
	 */
	@Update("""
			UPDATE after_sale SET status = 'APPROVED', refund_id = #{refundId}
			WHERE id = #{id} AND status = 'REQUESTED'""")
	int approved(@Param("id") long id, @Param("refundId") String refundId);

	/**
	 * Rejected ({@link AfterSale#reject()}) for this reason; 0 when decided meanwhile.
	 */
	@Update("""
			UPDATE after_sale SET status = 'REJECTED', reject_reason = #{reason}
			WHERE id = #{id} AND status = 'REQUESTED'""")
	int rejected(@Param("id") long id, @Param("reason") String reason);

	/** An after-sale's row; its photos as stored, comma-separated. */
	record Row(long id, long orderId, long userId, AfterSaleStatus status, String reason, long amountFen,
			String imageFileIds, String rejectReason, String refundId, Instant createdAt, Instant updatedAt) {

		AfterSale afterSale() {
			return new AfterSale(this.id, this.orderId, this.userId, this.status, this.reason, this.amountFen,
					images(this.imageFileIds), this.rejectReason, this.refundId, this.createdAt, this.updatedAt);
		}

		static String stored(List<String> imageFileIds) {
			return String.join(",", imageFileIds);
		}

		private static List<String> images(String stored) {
			return (stored == null || stored.isEmpty()) ? List.of() : Arrays.asList(stored.split(","));
		}

	}

	/** The columns of a new after-sale; {@code id} is set by the insert. */
	final class NewAfterSale {

		private Long id;

		private final long orderId;

		private final long userId;

		private final String reason;

		private final long amountFen;

		private final String imageFileIds;

		NewAfterSale(long orderId, long userId, String reason, long amountFen, List<String> imageFileIds) {
			this.orderId = orderId;
			this.userId = userId;
			this.reason = reason;
			this.amountFen = amountFen;
			this.imageFileIds = Row.stored(imageFileIds);
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

		public long getUserId() {
			return this.userId;
		}

		public String getReason() {
			return this.reason;
		}

		public long getAmountFen() {
			return this.amountFen;
		}

		public String getImageFileIds() {
			return this.imageFileIds;
		}

	}

}
