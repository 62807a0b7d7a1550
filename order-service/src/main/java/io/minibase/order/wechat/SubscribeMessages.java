package io.minibase.order.wechat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.common.events.ProcessedEvents;
import io.minibase.common.wechat.WeChatApi;
import io.minibase.common.wechat.WeChatError;
import io.minibase.common.wechat.WeChatProperties;
import io.minibase.order.buyer.Buyers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends buyers the subscribe messages of their orders
 * ({@code /cgi-bin/message/subscribe/send}), each at most once per event: the event id is
 * recorded in the transaction around the send, so a redelivery after a send skips it, and
 * a second instance handed the same event during a rebalance waits on that row instead of
 * sending again. A send that fails rolls the record back, and the event is tried again,
 * then dead-lettered (common-events); a buyer who did not subscribe (43101) is counted
 * and not tried again: they said no.
 */
@Service
class SubscribeMessages {

	private static final Logger log = LoggerFactory.getLogger(SubscribeMessages.class);

	static final String CONSUMER = "wechat-subscribe-messages";

	static final String API = "subscribe_send";

	/** The user has not subscribed to this template, or used up what they allowed. */
	static final int NOT_SUBSCRIBED = 43101;

	private final WeChatApi wechat;

	private final Buyers buyers;

	private final ProcessedEvents processed;

	private final TransactionTemplate transactions;

	private final WeChatNoticesProperties settings;

	private final String appId;

	private final MeterRegistry meters;

	SubscribeMessages(WeChatApi wechat, Buyers buyers, ProcessedEvents processed, TransactionTemplate transactions,
			WeChatNoticesProperties settings, WeChatProperties wechatSettings, MeterRegistry meters) {
		this.wechat = wechat;
		this.buyers = buyers;
		this.processed = processed;
		this.transactions = transactions;
		this.settings = settings;
		this.appId = wechatSettings.appId();
		this.meters = meters;
	}

	/**
	 * Tells the buyer, once for this event.
	 * @throws MessageNotSent when WeChat refused it otherwise or could not be asked: the
	 * event is tried again
	 */
	SendResult send(String eventId, Notice notice) {
		SendResult result = this.transactions.execute((tx) -> {
			if (!this.processed.firstTime(CONSUMER, eventId)) {
				return null;
			}
			SendResult outcome = attempt(notice);
			if (outcome instanceof SendResult.Failed failed) {
				count(notice.kind(), failed.outcome());
				throw new MessageNotSent(notice.kind(), failed.errcode());
			}
			return outcome;
		});
		if (result != null) {
			count(notice.kind(), result.outcome());
		}
		return result;
	}

	private SendResult attempt(Notice notice) {
		WeChatNoticesProperties.Template template = this.settings.messages().of(notice.kind());
		if (!template.configured()) {
			return new SendResult.Skipped("no_template");
		}
		Optional<String> openid = this.buyers.openid(notice.userId(), this.appId);
		if (openid.isEmpty()) {
			return new SendResult.Skipped("no_openid");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("touser", openid.get());
		body.put("template_id", template.templateId());
		if (!template.page().isBlank()) {
			body.put("page", notice.page(template.page()));
		}
		body.put("data", notice.data(template.data()));
		body.put("miniprogram_state", this.settings.miniprogramState());
		body.put("lang", "zh_CN");
		try {
			return new SendResult.Sent(
					this.wechat.post(API, "/cgi-bin/message/subscribe/send", body).path("msgid").asLong(0));
		}
		catch (WeChatError ex) {
			if (ex.errcode() == NOT_SUBSCRIBED) {
				return new SendResult.NotSubscribed();
			}
			log.warn("The {} message of order {} was refused: {}", notice.kind(), notice.orderId(), ex.getMessage());
			return new SendResult.Failed(ex.errcode());
		}
		catch (RuntimeException ex) {
			// WeChat unavailable: counted here, tried again by the consumer's back-off
			count(notice.kind(), "unavailable");
			throw ex;
		}
	}

	private void count(Notice.Kind kind, String outcome) {
		this.meters.counter("order.wechat.messages", "kind", kind.name().toLowerCase(), "outcome", outcome).increment();
	}

	/** WeChat refused a message for a reason other than the buyer's choice: retried. */
	static final class MessageNotSent extends RuntimeException {

		MessageNotSent(Notice.Kind kind, int errcode) {
			super("The " + kind + " message was refused with errcode " + errcode, null, false, false);
		}

	}

}
