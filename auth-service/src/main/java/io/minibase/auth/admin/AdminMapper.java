package io.minibase.auth.admin;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Admin credentials and the user rows behind them. */
@Mapper
interface AdminMapper {

	/** The user id and bcrypt hash of an admin, or null. */
	@Select("SELECT user_id, password_hash FROM admin_credential WHERE username = #{username}")
	Credential findByUsername(@Param("username") String username);

	@Select("SELECT COUNT(*) FROM admin_credential")
	long count();

	@Insert("INSERT INTO app_user (nickname, roles) VALUES (#{username}, 'ADMIN')")
	void insertAdminUser(@Param("username") String username);

	@Select("SELECT LAST_INSERT_ID()")
	long lastInsertId();

	@Insert("""
			INSERT INTO admin_credential (user_id, username, password_hash)
			VALUES (#{userId}, #{username}, #{passwordHash})
			""")
	void insertCredential(@Param("userId") long userId, @Param("username") String username,
			@Param("passwordHash") String passwordHash);

	@Update("UPDATE admin_credential SET password_hash = #{passwordHash} WHERE user_id = #{userId}")
	int updatePassword(@Param("userId") long userId, @Param("passwordHash") String passwordHash);

	/** A row of {@code admin_credential}. */
	record Credential(long userId, String passwordHash) {

		@Override
		public String toString() {
			return "Credential[userId=" + this.userId + "]";
		}

	}

}
