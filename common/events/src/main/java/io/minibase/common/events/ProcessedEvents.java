package io.minibase.common.events;

import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a consumer idempotent: it records the event id in the same transaction as the
 * effect, so a redelivered event is recognised and skipped.
 */
public class ProcessedEvents {

	private final ProcessedEventMapper mapper;

	ProcessedEvents(ProcessedEventMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Records that {@code consumer} applies {@code eventId} now. Must run in the
	 * transaction of the effect: if that rolls back, so does this record.
	 * @return {@code true} the first time, {@code false} when the event was applied
	 * before and the caller must do nothing
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean firstTime(String consumer, String eventId) {
		return this.mapper.insertIfAbsent(consumer, eventId) == 1;
	}

}
