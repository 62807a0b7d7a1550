package io.minibase.auth.user;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
interface UserMapper {

	@Select("SELECT id, openid, unionid, nickname, avatar_url, created_at, phone_masked FROM app_user WHERE id = #{id}")
	User findById(@Param("id") long id);

	@Select("SELECT id, openid, unionid, nickname, avatar_url, created_at, phone_masked FROM app_user WHERE openid = #{openid}")
	User findByOpenid(@Param("openid") String openid);

	/**
	 * A locking read: sees a row another transaction committed after this one began (a
	 * concurrent first login of the same user), where a plain read would not.
	 */
	@Select("""
			SELECT id, openid, unionid, nickname, avatar_url, created_at, phone_masked
			FROM app_user WHERE openid = #{openid} FOR UPDATE
			""")
	User findByOpenidLatest(@Param("openid") String openid);

	@Select("""
			SELECT id, openid, unionid, nickname, avatar_url, created_at, phone_masked
			FROM app_user WHERE unionid = #{unionid} ORDER BY id LIMIT 1
			""")
	User findByUnionid(@Param("unionid") String unionid);

	/** 1 when the user is new, 0 when a concurrent login created it first. */
	@Insert("""
			INSERT INTO app_user (openid, unionid) VALUES (#{openid}, #{unionid})
			ON DUPLICATE KEY UPDATE id = id
			""")
	int insertIfAbsent(@Param("openid") String openid, @Param("unionid") String unionid);

	@Update("UPDATE app_user SET unionid = #{unionid} WHERE id = #{id} AND unionid IS NULL")
	int linkUnionid(@Param("id") long id, @Param("unionid") String unionid);

	/** 1 the first time, when the user's openid is still to be published. */
	@Update("UPDATE app_user SET openid_published = TRUE WHERE id = #{id} AND openid_published = FALSE")
	int markOpenidPublished(@Param("id") long id);

	/** The user's roles, comma-separated (e.g. {@code USER} or {@code ADMIN}). */
	@Select("SELECT roles FROM app_user WHERE id = #{id}")
	String findRoles(@Param("id") long id);

	/**
	 * The user's phone number, encrypted, and its masked form; replaces an earlier one.
	 */
	@Update("""
			UPDATE app_user SET phone_encrypted = #{encrypted}, phone_masked = #{masked}, phone_linked_at = #{at}
			WHERE id = #{id}
			""")
	int linkPhone(@Param("id") long id, @Param("encrypted") String encrypted, @Param("masked") String masked,
			@Param("at") java.time.Instant at);

	/** Changes what is given (not null); keeps the rest. */
	@Update("""
			UPDATE app_user
			SET nickname = COALESCE(#{nickname}, nickname), avatar_url = COALESCE(#{avatarUrl}, avatar_url)
			WHERE id = #{id}
			""")
	int updateProfile(@Param("id") long id, @Param("nickname") String nickname, @Param("avatarUrl") String avatarUrl);

	/**
	 * Empties the avatar if it is still {@code current} (the guard against the user
	 * changing it at the same moment): 1 when it was dropped.
	 */
	@Update("UPDATE app_user SET avatar_url = '' WHERE id = #{id} AND avatar_url = #{current}")
	int clearAvatar(@Param("id") long id, @Param("current") String current);

	/** A page of users for the admin, newest first (UserMapper.xml). */
	java.util.List<UserAdminController.UserSummaryRow> page(@Param("before") Long before, @Param("id") Long id,
			@Param("nickname") String nickname, @Param("limit") int limit);

	@Select("SELECT disabled_at IS NOT NULL FROM app_user WHERE id = #{id}")
	Boolean isDisabled(@Param("id") long id);

	/** Disables or enables; the number of rows changed. */
	@Update("UPDATE app_user SET disabled_at = #{at} WHERE id = #{id}")
	int setDisabledAt(@Param("id") long id, @Param("at") java.time.Instant at);

	@Select("SELECT id, nickname, avatar_url, phone_masked, roles, created_at, disabled_at FROM app_user WHERE id = #{id}")
	UserAdminController.UserSummaryRow findSummary(@Param("id") long id);

}
