package io.minibase.common.events;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

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

	/**
	 * {@link #firstTime} for a run of events in two statements, for a consumer that
	 * applies a poll's events in one transaction. Must run in that transaction. When
	 * another transaction records one of them at the same time, this one fails (and rolls
	 * back) rather than apply it twice.
	 * @return the events new to {@code consumer}, in the given order, each once
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Set<String> firstTimes(String consumer, Collection<String> eventIds) {
		Set<String> fresh = new LinkedHashSet<>(eventIds);
		if (fresh.isEmpty()) {
			return fresh;
		}
		this.mapper.applied(consumer, fresh).forEach(fresh::remove);
		if (!fresh.isEmpty()) {
			this.mapper.insertAll(consumer, fresh);
		}
		return fresh;
	}

}
