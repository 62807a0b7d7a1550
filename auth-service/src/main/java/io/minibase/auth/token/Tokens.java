package io.minibase.auth.token;

import java.util.UUID;

import io.minibase.auth.config.AuthProperties;
import io.minibase.auth.user.UserIsDisabled;
import io.minibase.auth.user.Users;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/** Issues, rotates and revokes a user's tokens. */
@Service
public class Tokens {

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	private final AccessTokenDenylist denylist;

	private final AuthProperties properties;

	private final Users users;

	private final DisabledUsers disabledUsers;

	Tokens(AccessTokens accessTokens, RefreshTokens refreshTokens, AccessTokenDenylist denylist,
			AuthProperties properties, Users users, DisabledUsers disabledUsers) {
		this.users = users;
		this.disabledUsers = disabledUsers;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.denylist = denylist;
		this.properties = properties;
	}

	/** Tokens of a new session (a login): a new refresh-token family. */
	public TokenPair issue(long userId) {
		return issue(userId, UUID.randomUUID().toString());
	}

	/**
	 * Spends a refresh token and hands out a new pair of the same family.
	 * @throws RefreshTokenRejected when the token is unknown, expired, revoked or spent
	 * (then its family is revoked)
	 */
	public TokenPair refresh(String refreshToken) {
		RefreshTokens.Spent spent = this.refreshTokens.spend(refreshToken);
		return issue(spent.userId(), spent.familyId());
	}

	/** Ends the session of this access token: the token and its refresh family stop. */
	public void logout(Jwt accessToken) {
		if (accessToken.getId() != null && accessToken.getExpiresAt() != null) {
			this.denylist.deny(accessToken.getId(), accessToken.getExpiresAt());
		}
		String familyId = accessToken.getClaimAsString(AccessTokens.FAMILY_CLAIM);
		if (familyId != null) {
			this.refreshTokens.revokeFamily(familyId);
		}
	}

	/**
	 * Whether a verified access token was revoked (logout, its family's reuse, or its
	 * user disabled).
	 */
	boolean isRevoked(Jwt accessToken) {
		if (accessToken.getId() != null && this.denylist.isDenied(accessToken.getId())) {
			return true;
		}
		if (this.disabledUsers.isDisabled(accessToken.getSubject())) {
			return true;
		}
		String familyId = accessToken.getClaimAsString(AccessTokens.FAMILY_CLAIM);
		return familyId != null && this.refreshTokens.isFamilyRevoked(familyId);
	}

	private TokenPair issue(long userId, String familyId) {
		if (this.users.isDisabled(userId)) {
			// neither a new session nor a refreshed one for a user an admin disabled
			throw new UserIsDisabled();
		}
		// roles are read at every issue, so a refresh carries the user's current roles
		String accessToken = this.accessTokens.issue(userId, familyId, this.users.roles(userId));
		String refreshToken = this.refreshTokens.issue(userId, familyId);
		return new TokenPair(userId, accessToken, refreshToken, this.properties.accessTokenTtl().toSeconds());
	}

}
