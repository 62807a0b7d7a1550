package io.minibase.order;

import io.minibase.catalog.Shelf;

/** Test fixture: a class of the "order service" that wrongly uses the catalog's code. */
public class Basket {

	int count(Shelf shelf) {
		return shelf.size();
	}

}
