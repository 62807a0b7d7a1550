package io.minibase.auth.user;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.minibase.auth.config.AuthProperties;
import io.minibase.auth.token.DisabledUsers;
import io.minibase.common.events.Outbox;
import io.minibase.common.events.ProcessedEvents;
import io.minibase.common.web.CursorPage;
import io.minibase.common.web.Ids;
import io.minibase.common.web.KeysetCursor;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Signs WeChat users in (creating them on first login) and keeps their profiles. */
@Service
public class Users {

	static final String REJECTED_AVATARS = "rejected-avatars";

	private final UserMapper mapper;

	private final Outbox outbox;

	private final Clock clock;

	private final String appId;

	private final ProcessedEvents processed;

	private final DisabledUsers disabledUsers;

	Users(UserMapper mapper, Outbox outbox, Clock clock, AuthProperties settings, ProcessedEvents processed,
			DisabledUsers disabledUsers) {
		this.processed = processed;
		this.disabledUsers = disabledUsers;
		this.mapper = mapper;
		this.outbox = outbox;
		this.clock = clock;
		this.appId = settings.wechat().appId();
	}

	/**
	 * The user of this openid, created (and {@code auth.UserRegistered.v1} published in
	 * the same transaction) when it is the first login. A user already known by the same
	 * unionid (the same person in another app of the same WeChat developer account) is
	 * that user. The first login that finds the user's openid unpublished publishes it
	 * ({@code auth.WeChatOpenidLinked.v1}), so that order-service can pay for them.
	 */
	@Transactional
	public SignedIn signIn(String openid, String unionid) {
		SignedIn signedIn = findOrCreate(openid, unionid);
		if (this.mapper.markOpenidPublished(signedIn.user().id()) == 1) {
			String userId = String.valueOf(signedIn.user().id());
			this.outbox.append(UserEvents.OPENIDS_TOPIC, UserEvents.OPENID_LINKED, userId,
					new UserEvents.WeChatOpenidLinked(userId, this.appId, openid,
							this.clock.instant().truncatedTo(ChronoUnit.MILLIS)));
		}
		return signedIn;
	}

	private SignedIn findOrCreate(String openid, String unionid) {
		User known = this.mapper.findByOpenid(openid);
		if (known == null && unionid != null && !unionid.isBlank()) {
			known = this.mapper.findByUnionid(unionid);
		}
		if (known != null) {
			if (unionid != null && !unionid.isBlank() && known.unionid() == null) {
				this.mapper.linkUnionid(known.id(), unionid);
			}
			return new SignedIn(known, false);
		}
		int inserted = this.mapper.insertIfAbsent(openid, blankToNull(unionid));
		User user = this.mapper.findByOpenidLatest(openid);
		if (inserted == 0) {
			return new SignedIn(user, false); // a concurrent first login created it
		}
		this.outbox.append(UserEvents.TOPIC, UserEvents.REGISTERED, String.valueOf(user.id()),
				new UserEvents.UserRegistered(String.valueOf(user.id()), user.nickname(), user.avatarUrl(),
						user.createdAt()));
		return new SignedIn(user, true);
	}

	/** The roles an access token of this user carries, read afresh at every issue. */
	public List<String> roles(long id) {
		String roles = this.mapper.findRoles(id);
		if (roles == null) {
			throw new UserNotFound();
		}
		return Arrays.stream(roles.split(",")).map(String::trim).filter((role) -> !role.isEmpty()).toList();
	}

	/** Whether an admin disabled this user (login and refresh refuse them). */
	public boolean isDisabled(long id) {
		return Boolean.TRUE.equals(this.mapper.isDisabled(id));
	}

	/**
	 * A page of the admin's list, newest first; its cursor is a {@link KeysetCursor},
	 * opaque as every list's is.
	 */
	CursorPage<UserAdminController.UserSummary> page(String q, int size, String cursor) {
		Long before = KeysetCursor.lastId(cursor);
		String query = (q == null || q.isBlank()) ? null : q.strip();
		Long id = parseId(query);
		List<UserAdminController.UserSummaryRow> rows = this.mapper.page(before, id, (id == null) ? query : null,
				size + 1);
		return CursorPage.of(rows, size, UserAdminController.UserSummaryRow::id)
			.map(UserAdminController.UserSummaryRow::view);
	}

	/**
	 * Disables the user: login and refresh refuse them from now on, and their tokens stop
	 * working at once (the Redis key the gateway checks).
	 */
	UserAdminController.UserSummary disable(long id) {
		if (this.mapper.setDisabledAt(id, this.clock.instant().truncatedTo(ChronoUnit.MILLIS)) == 0) {
			throw new UserNotFound();
		}
		this.disabledUsers.disable(id);
		return this.mapper.findSummary(id).view();
	}

	UserAdminController.UserSummary enable(long id) {
		if (this.mapper.setDisabledAt(id, null) == 0) {
			throw new UserNotFound();
		}
		this.disabledUsers.enable(id);
		return this.mapper.findSummary(id).view();
	}

	private static Long parseId(String text) {
		if (!Ids.isId(text)) {
			return null;
		}
		return Long.valueOf(text);
	}

	public User find(long id) {
		User user = this.mapper.findById(id);
		if (user == null) {
			throw new UserNotFound();
		}
		return user;
	}

	/** Changes the given parts of the profile (null keeps a part) and publishes it. */
	@Transactional
	public User updateProfile(long id, String nickname, String avatarUrl) {
		if (nickname == null && avatarUrl == null) {
			return find(id); // nothing to change, nothing to tell
		}
		if (this.mapper.updateProfile(id, nickname, avatarUrl) == 0) {
			throw new UserNotFound();
		}
		return profileChanged(id);
	}

	/**
	 * Drops the user's avatar when it is the file WeChat's media check rejected (served
	 * as {@code .../api/files/<fileId>}, with or without a query such as {@code ?w=}),
	 * and publishes the change; each event once. Only the uploader's own avatar is looked
	 * at: until it passed, the file was served to its uploader alone, so nobody else can
	 * have taken it for theirs.
	 */
	@Transactional
	public void dropRejectedAvatar(String eventId, long userId, String fileId) {
		if (!this.processed.firstTime(REJECTED_AVATARS, eventId)) {
			return;
		}
		User user = this.mapper.findById(userId);
		if (user == null || !pointsTo(user.avatarUrl(), fileId)) {
			return;
		}
		if (this.mapper.clearAvatar(userId, user.avatarUrl()) == 1) {
			profileChanged(userId);
		}
	}

	static boolean pointsTo(String avatarUrl, String fileId) {
		return avatarUrl != null && Pattern.compile("(?s)(.*/)?api/files/" + Pattern.quote(fileId) + "([?#].*)?")
			.matcher(avatarUrl)
			.matches();
	}

	private User profileChanged(long id) {
		User user = find(id);
		this.outbox.append(UserEvents.TOPIC, UserEvents.PROFILE_CHANGED, String.valueOf(id),
				new UserEvents.UserProfileChanged(String.valueOf(id), user.nickname(), user.avatarUrl(),
						this.clock.instant().truncatedTo(ChronoUnit.MILLIS)));
		return user;
	}

	/**
	 * Keeps the user's phone number (encrypted, and masked for showing) and publishes it
	 * on {@code auth.phones.v1} in the same transaction.
	 */
	@Transactional
	public User linkPhone(long id, String encrypted, String masked, String countryCode, String number) {
		java.time.Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (this.mapper.linkPhone(id, encrypted, masked, now) == 0) {
			throw new UserNotFound();
		}
		String userId = String.valueOf(id);
		this.outbox.append(UserEvents.PHONES_TOPIC, UserEvents.PHONE_LINKED, userId,
				new UserEvents.UserPhoneLinked(userId, countryCode, number, masked, now));
		return find(id);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** A signed-in user and whether this login created them. */
	public record SignedIn(User user, boolean newUser) {
	}

}
