package io.minibase.catalog.category;

/** A row of the {@code category} table. */
record Category(long id, String name, Long parentId, int sort) {
}
