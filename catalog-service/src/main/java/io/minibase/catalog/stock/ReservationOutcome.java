package io.minibase.catalog.stock;

import io.minibase.catalog.stock.StockLedger.Rejected;
import io.minibase.catalog.stock.StockLedger.Reservation;
import io.minibase.catalog.stock.StockLedger.Reserved;

/**
 * How one placement of a run ended, as {@code minibase.catalog.reservations} counts it.
 * The tags are the metric's published values (the README names them): they are spelled
 * out rather than derived from the constants' names, so renaming a constant cannot change
 * a time series.
 */
enum ReservationOutcome {

	/** Every line reserved; StockReserved published. */
	RESERVED("reserved"),

	/** Nothing reserved; StockRejected published. */
	REJECTED("rejected"),

	/** The event was applied before: nothing changes. */
	DUPLICATE("duplicate"),

	/**
	 * The order was reserved under another event id, or closed before its placement
	 * arrived: nothing changes, nothing is published.
	 */
	CLOSED("closed");

	private final String tag;

	ReservationOutcome(String tag) {
		this.tag = tag;
	}

	/** The outcome of an order the ledger took, or refused. */
	static ReservationOutcome of(Reservation reservation) {
		return switch (reservation) {
			case Reserved reserved -> RESERVED;
			case Rejected rejected -> REJECTED;
		};
	}

	/** The value of the metric's {@code outcome} tag. */
	String tag() {
		return this.tag;
	}

}
