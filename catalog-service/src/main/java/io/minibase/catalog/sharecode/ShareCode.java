package io.minibase.catalog.sharecode;

/** A product's mini-program code: the PNG and its SHA-256 (hex), the strong ETag. */
record ShareCode(byte[] png, String sha256) {
}
