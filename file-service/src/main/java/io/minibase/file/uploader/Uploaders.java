package io.minibase.file.uploader;

import java.time.Instant;
import java.util.Optional;

import io.minibase.common.events.ProcessedEvents;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This service's copy of its uploaders' openids (WeChat's media check names the user),
 * fed by auth-service's {@code auth.WeChatOpenidLinked.v1}; nothing here calls
 * auth-service.
 */
@Service
public class Uploaders {

	static final String CONSUMER = "uploaders";

	private final UploaderMapper uploaders;

	private final ProcessedEvents processed;

	private final TransactionTemplate transactions;

	Uploaders(UploaderMapper uploaders, ProcessedEvents processed, TransactionTemplate transactions) {
		this.uploaders = uploaders;
		this.processed = processed;
		this.transactions = transactions;
	}

	/**
	 * The user's openid for the mini-program {@code appId}, once auth-service has told.
	 */
	public Optional<String> openid(long userId, String appId) {
		return Optional.ofNullable(this.uploaders.openid(userId, appId));
	}

	/** Keeps an openid as the event tells it; each event once. */
	public void linked(String eventId, long userId, String appId, String openid, Instant linkedAt) {
		this.transactions.executeWithoutResult((tx) -> {
			if (this.processed.firstTime(CONSUMER, eventId)) {
				this.uploaders.link(userId, appId, openid, linkedAt);
			}
		});
	}

}
