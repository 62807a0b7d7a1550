package io.minibase.auth.token;

import java.time.Instant;

/**
 * A row of {@code signing_key}: a key pair (RS256, or ES256 made by an earlier version),
 * base64 X.509 public and PKCS#8 private key.
 */
record SigningKey(String kid, String algorithm, String publicKey, String privateKey, String status, Instant createdAt) {

	/** Signs new tokens. */
	static final String ACTIVE = "ACTIVE";

	/** Signs no more, still verifies (published in the JWKS) until it is retired. */
	static final String PUBLISHED = "PUBLISHED";

	// the private key must never reach a log line
	@Override
	public String toString() {
		return "SigningKey[kid=" + this.kid + ", status=" + this.status + ", createdAt=" + this.createdAt + "]";
	}

}
