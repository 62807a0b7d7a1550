package io.minibase.auth.token;

import java.time.Instant;

/**
 * A row of {@code signing_key}: a key pair (RS256, or ES256 made by an earlier version),
 * base64 X.509 public and PKCS#8 private key.
 *
 * @param activatesAt when it starts (or started) signing
 * @param signedUntil when it stopped signing; {@code null} while it has not
 */
record SigningKey(String kid, String algorithm, String publicKey, String privateKey, KeyStatus status,
		Instant createdAt, Instant activatesAt, Instant signedUntil) {

	// the private key must never reach a log line
	@Override
	public String toString() {
		return "SigningKey[kid=" + this.kid + ", status=" + this.status + ", activatesAt=" + this.activatesAt
				+ ", signedUntil=" + this.signedUntil + "]";
	}

}
