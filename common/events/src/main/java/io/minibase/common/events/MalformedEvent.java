package io.minibase.common.events;

/**
 * A record that is not a readable CloudEvent (or whose data does not fit its type).
 * Retrying cannot help, so it goes straight to the dead-letter topic.
 */
public class MalformedEvent extends RuntimeException {

	public MalformedEvent(String message, Throwable cause) {
		super(message, cause);
	}

}
