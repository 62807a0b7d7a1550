package io.minibase.auth.token;

/**
 * Where a signing key is in its life: published ahead, then signing, then verifying the
 * tokens it signed until the longest of them has expired, then gone from the JWKS.
 */
enum KeyStatus {

	/**
	 * In the JWKS, so every verifier knows it before it signs; signs from its
	 * activatesAt.
	 */
	NEXT,

	/** Signs new tokens (one at a time). */
	ACTIVE,

	/** Signs no more; in the JWKS until the tokens it signed have expired. */
	PUBLISHED,

	/** Out of the JWKS; its private key wiped. */
	RETIRED

}
