package io.minibase.catalog;

/** Test fixture: a class of the "catalog service". */
public class Shelf {

	public int size() {
		return 1;
	}

}
