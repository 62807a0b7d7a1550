package io.minibase.auth.token;

/**
 * What a login or refresh hands out.
 *
 * @param userId whose tokens they are
 * @param accessToken the signed JWT
 * @param refreshToken the opaque refresh token
 * @param expiresIn seconds the access token is valid
 */
public record TokenPair(long userId, String accessToken, String refreshToken, long expiresIn) {

	// tokens never reach a log line
	@Override
	public String toString() {
		return "TokenPair[userId=" + this.userId + "]";
	}

}
