package io.minibase.order.aftersale;

import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.Outbox;
import io.minibase.common.web.CursorPage;
import io.minibase.common.web.Ids;
import io.minibase.common.web.KeysetCursor;
import io.minibase.common.wechat.ContentSecurity;
import io.minibase.common.wechat.ContentSecurity.Scene;
import io.minibase.common.wechat.WeChatProperties;
import io.minibase.order.aftersale.AfterSaleEvents.AfterSaleApproved;
import io.minibase.order.aftersale.AfterSaleEvents.AfterSaleRejected;
import io.minibase.order.aftersale.AfterSaleEvents.AfterSaleRequested;
import io.minibase.order.aftersale.AfterSaleMapper.NewAfterSale;
import io.minibase.order.aftersale.AfterSaleMapper.Row;
import io.minibase.order.buyer.Buyers;
import io.minibase.order.ordering.OrderAfterSales;
import io.minibase.order.payment.Refunds.Refundable;
import io.minibase.order.payment.Refunds.StartedRefund;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Buyers' after-sale requests and the shop's decisions. A request is decided with the
 * order's payment locked, as a refund is (OrderAfterSales), so its amount is checked
 * against what no refund has taken meanwhile; an approval starts the order's refund in
 * the same transaction as its own conditional UPDATE, so two admins approving at once
 * make one refund. Each transition is written with its event (outbox).
 */
@Service
class AfterSales {

	/**
	 * What WeChat Pay and the buyer's refund notice read (WeChat Pay takes 80
	 * characters).
	 */
	private static final String REFUND_REASON = "售后退款：";

	private static final int REFUND_REASON_MAX = 80;

	private final AfterSaleMapper afterSales;

	private final OrderAfterSales orders;

	private final ContentSecurity contentSecurity;

	private final Buyers buyers;

	private final String appId;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final FileOwners fileOwners;

	AfterSales(AfterSaleMapper afterSales, OrderAfterSales orders, ContentSecurity contentSecurity, Buyers buyers,
			WeChatProperties wechat, Outbox outbox, TransactionTemplate transactions, MeterRegistry meters,
			FileOwners fileOwners) {
		this.fileOwners = fileOwners;
		this.afterSales = afterSales;
		this.orders = orders;
		this.contentSecurity = contentSecurity;
		this.buyers = buyers;
		this.appId = wechat.appId();
		this.outbox = outbox;
		this.transactions = transactions;
		this.meters = meters;
	}

	/**
	 * The buyer asks for an after-sale of their order: 404 unless it is theirs, 409
	 * unless paid, shipped or completed, while another is open, or for more than is left
	 * to refund; the photos must be files the buyer uploaded (400 naming each that is
	 * not, 503 while file-service cannot say), and the reason passes WeChat's text check
	 * (422 when risky), both before anything is saved.
	 * @param accessToken the buyer's access token, passed on to file-service
	 */
	AfterSaleView request(long userId, String accessToken, String orderId, RequestAfterSale request) {
		// refused early, before WeChat is asked; decided again below, with the locks
		this.orders.requireRequestable(userId, orderId);
		Long openBefore = this.afterSales.openOf(Long.parseLong(orderId));
		if (openBefore != null) {
			throw new AfterSaleAlreadyOpen(openBefore);
		}
		// on the same network, so asked before WeChat
		this.fileOwners.requireUploadedBy(accessToken, request.images());
		String openid = this.buyers.openid(userId, this.appId).orElseThrow(ReasonNotCheckable::new);
		this.contentSecurity.requireSafeText(openid, Scene.COMMENT, "reason", request.reason());
		long id;
		try {
			id = this.transactions.execute((tx) -> {
				Refundable order = this.orders.lockRefundable(userId, orderId);
				Long open = this.afterSales.openOf(order.orderId());
				if (open != null) {
					throw new AfterSaleAlreadyOpen(open);
				}
				long amount = AfterSale.amountOf(request.amountFen(), order.refundableFen());
				NewAfterSale row = new NewAfterSale(order.orderId(), userId, request.reason(), amount,
						request.images());
				this.afterSales.insert(row);
				this.outbox.append(AfterSaleEvents.TOPIC, AfterSaleRequested.TYPE, String.valueOf(order.orderId()),
						new AfterSaleRequested(String.valueOf(row.getId()), String.valueOf(order.orderId()),
								String.valueOf(userId), amount, request.reason(), request.images(), Instant.now()));
				return row.getId();
			});
		}
		catch (DuplicateKeyException ex) {
			// a request of the same order committed while this one waited for its locks
			throw new AfterSaleAlreadyOpen(null);
		}
		count(AfterSaleStatus.REQUESTED);
		return AfterSaleView.of(this.afterSales.find(id).afterSale());
	}

	/** The after-sales of the buyer's order, oldest first; 404 unless it is theirs. */
	List<AfterSaleView> ofOrder(long userId, String orderId) {
		this.orders.requireOwned(userId, orderId);
		return this.afterSales.ofOrder(Long.parseLong(orderId))
			.stream()
			.map((row) -> AfterSaleView.of(row.afterSale()))
			.toList();
	}

	/** Every after-sale, newest first, optionally of one status (the admin's list). */
	CursorPage<AfterSaleView> page(AfterSaleStatus status, int size, String cursor) {
		List<Row> rows = this.afterSales.page(status, KeysetCursor.lastId(cursor), size + 1);
		return CursorPage.of(rows, size, Row::id).map((row) -> AfterSaleView.of(row.afterSale()));
	}

	/**
	 * The shop approves: the refund of the after-sale's amount starts (through the
	 * order's refunds, WeChat Pay asked after the commit). 409 unless REQUESTED, or when
	 * the order has no longer that much to refund (the after-sale stays REQUESTED).
	 */
	AfterSaleView approve(String id) {
		AfterSale afterSale = existing(id);
		afterSale.approve();
		StartedRefund refund;
		try {
			refund = this.transactions.execute((tx) -> {
				// the order's locks first, as every refund and request takes them
				StartedRefund started = this.orders.startRefund(afterSale.orderId(), afterSale.amountFen(),
						refundReason(afterSale.reason()));
				if (this.afterSales.approved(afterSale.id(), started.refundId()) == 0) {
					throw movedMeanwhile(afterSale.id());
				}
				this.outbox.append(AfterSaleEvents.TOPIC, AfterSaleApproved.TYPE, String.valueOf(afterSale.orderId()),
						new AfterSaleApproved(String.valueOf(afterSale.id()), String.valueOf(afterSale.orderId()),
								String.valueOf(afterSale.userId()), afterSale.amountFen(), started.refundId(),
								Instant.now()));
				return started;
			});
		}
		catch (ErrorResponseException ex) {
			// another admin's approval took the money first: say so, not what it left
			AfterSale now = this.afterSales.find(afterSale.id()).afterSale();
			if (!now.open()) {
				throw AfterSaleStateConflict.movedMeanwhile(now.status());
			}
			throw ex;
		}
		this.orders.submit(refund);
		count(AfterSaleStatus.APPROVED);
		return AfterSaleView.of(this.afterSales.find(afterSale.id()).afterSale());
	}

	/** The shop rejects, with the reason the buyer reads: 409 unless REQUESTED. */
	AfterSaleView reject(String id, RejectAfterSale request) {
		AfterSale afterSale = existing(id);
		afterSale.reject();
		this.transactions.executeWithoutResult((tx) -> {
			if (this.afterSales.rejected(afterSale.id(), request.reason()) == 0) {
				throw movedMeanwhile(afterSale.id());
			}
			this.outbox.append(AfterSaleEvents.TOPIC, AfterSaleRejected.TYPE, String.valueOf(afterSale.orderId()),
					new AfterSaleRejected(String.valueOf(afterSale.id()), String.valueOf(afterSale.orderId()),
							String.valueOf(afterSale.userId()), request.reason(), Instant.now()));
		});
		count(AfterSaleStatus.REJECTED);
		return AfterSaleView.of(this.afterSales.find(afterSale.id()).afterSale());
	}

	private AfterSale existing(String id) {
		Row row = Ids.isId(id) ? this.afterSales.find(Long.parseLong(id)) : null;
		if (row == null) {
			throw new AfterSaleNotFound();
		}
		return row.afterSale();
	}

	private AfterSaleStateConflict movedMeanwhile(long id) {
		return AfterSaleStateConflict.movedMeanwhile(this.afterSales.find(id).status());
	}

	/** WeChat Pay's refund reason: the buyer's, cut to the 80 characters it takes. */
	static String refundReason(String reason) {
		String full = REFUND_REASON + reason.strip();
		return (full.codePointCount(0, full.length()) <= REFUND_REASON_MAX) ? full
				: full.substring(0, full.offsetByCodePoints(0, REFUND_REASON_MAX));
	}

	private void count(AfterSaleStatus status) {
		this.meters.counter("minibase.orders.after_sales", "status", status.name()).increment();
	}

}
