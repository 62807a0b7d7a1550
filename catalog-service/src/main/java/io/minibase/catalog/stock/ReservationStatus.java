package io.minibase.catalog.stock;

/**
 * The status of a {@code stock_reservation} row, and the moves between statuses. A line
 * is inserted {@link #RESERVED} and leaves that status once: released when its order is
 * cancelled or expires, sold when it is paid; a sold line comes back once, when the whole
 * payment goes back before shipping. The rules are here; the mapper's conditional UPDATEs
 * move only the rows still in a move's {@code from} status, which guards against a writer
 * that got there first.
 */
enum ReservationStatus {

	/** Held for an order that is neither paid nor closed. */
	RESERVED,

	/** Given back: the order was cancelled or expired before it was paid. */
	RELEASED,

	/** Paid for: a cancel no longer gives it back. */
	SOLD,

	/**
	 * The marker of an order closed before anything was reserved for it
	 * ({@link StockMapper.ClosedMarker}): inserted so, never moved.
	 */
	CLOSED,

	/** Sold, then refunded wholly before it was shipped: given back. */
	RETURNED;

	/** Whether a row of this status may become {@code next}. */
	boolean mayBecome(ReservationStatus next) {
		return switch (this) {
			case RESERVED -> next == RELEASED || next == SOLD;
			case SOLD -> next == RETURNED;
			case RELEASED, CLOSED, RETURNED -> false;
		};
	}

	/**
	 * The move of this status's rows to {@code next}.
	 * @throws IllegalStateException when no row may make it
	 */
	Move to(ReservationStatus next) {
		return new Move(this, next);
	}

	/** A move the rules allow: the rows still {@code from} become {@code to}. */
	record Move(ReservationStatus from, ReservationStatus to) {

		/** A cancelled or expired order's reserved lines go back on the shelf. */
		static final Move RELEASE = new Move(RESERVED, RELEASED);

		/** A paid order's reserved lines are sold. */
		static final Move SELL = new Move(RESERVED, SOLD);

		/** A sold order refunded before shipping gives its lines back. */
		static final Move RETURN = new Move(SOLD, RETURNED);

		Move {
			if (!from.mayBecome(to)) {
				throw new IllegalStateException("A " + from + " reservation never becomes " + to);
			}
		}

	}

}
