package io.minibase.order.buyer;

import java.util.Optional;

import io.minibase.common.events.ProcessedEvents;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This service's copy of its buyers' openids (WeChat Pay's payer ids), fed by
 * auth-service's {@code auth.WeChatOpenidLinked.v1}; nothing here calls auth-service.
 */
@Service
public class Buyers {

	static final String CONSUMER = "buyers";

	private final BuyerMapper buyers;

	private final ProcessedEvents processed;

	private final TransactionTemplate transactions;

	Buyers(BuyerMapper buyers, ProcessedEvents processed, TransactionTemplate transactions) {
		this.buyers = buyers;
		this.processed = processed;
		this.transactions = transactions;
	}

	/**
	 * The user's openid for the mini-program {@code appId}, once auth-service has told.
	 */
	public Optional<String> openid(long userId, String appId) {
		return Optional.ofNullable(this.buyers.openid(userId, appId));
	}

	void linked(String eventId, BuyerEvents.WeChatOpenidLinked linked) {
		this.transactions.executeWithoutResult((tx) -> {
			if (this.processed.firstTime(CONSUMER, eventId)) {
				this.buyers.link(Long.parseLong(linked.userId()), linked.appId(), linked.openid(), linked.linkedAt());
			}
		});
	}

}
