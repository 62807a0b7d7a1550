package io.minibase.local;

/**
 * The stack could not start (or stop): the message says why and what to do, for the
 * console.
 */
public class StackDidNotStart extends RuntimeException {

	public StackDidNotStart(String message) {
		super(message);
	}

}
