package io.minibase.order.buyer;

import io.minibase.common.web.Ids;

import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling: the user id in the token's subject, the owner of what they touch. */
public final class Caller {

	private Caller() {
	}

	/**
	 * The caller's user id.
	 * @throws NotABuyer when the token's subject is no user id (a service's token): 403
	 */
	public static long userId(Jwt token) {
		String subject = token.getSubject();
		if (!Ids.isId(subject)) {
			throw new NotABuyer();
		}
		return Long.parseLong(subject);
	}

}
