package io.minibase.common.events;

import java.time.OffsetDateTime;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** An event as a consumer receives it: the CloudEvents attributes and its JSON data. */
public final class IncomingEvent {

	private final String id;

	private final String type;

	private final String source;

	private final String subject;

	private final OffsetDateTime time;

	private final byte[] data;

	private final JsonMapper json;

	IncomingEvent(String id, String type, String source, String subject, OffsetDateTime time, byte[] data,
			JsonMapper json) {
		this.id = id;
		this.type = type;
		this.source = source;
		this.subject = subject;
		this.time = time;
		this.data = data;
		this.json = json;
	}

	/** The event id: unique per event, the de-duplication key. */
	public String id() {
		return this.id;
	}

	/** The type, e.g. {@code order.OrderPlaced.v1}. */
	public String type() {
		return this.type;
	}

	public String source() {
		return this.source;
	}

	/** The aggregate id. */
	public String subject() {
		return this.subject;
	}

	public OffsetDateTime time() {
		return this.time;
	}

	/** The data read as the given event record. */
	public <T> T data(Class<T> type) {
		try {
			return this.json.readValue(this.data, type);
		}
		catch (JacksonException ex) {
			throw new MalformedEvent("Event " + this.id + " of type " + this.type + " does not fit "
					+ type.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

}
