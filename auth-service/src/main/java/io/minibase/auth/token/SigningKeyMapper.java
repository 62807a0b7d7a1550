package io.minibase.auth.token;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
interface SigningKeyMapper {

	/** Every key still published in the JWKS, the one that signs first. */
	@Select("""
			SELECT kid, algorithm, public_key, private_key, status, created_at, activates_at, signed_until
			FROM signing_key
			WHERE status <> 'RETIRED'
			ORDER BY (status = 'ACTIVE') DESC, created_at DESC, kid
			""")
	List<SigningKey> findPublished();

	@Insert("""
			INSERT INTO signing_key (kid, algorithm, public_key, private_key, status, created_at, activates_at,
			  signed_until)
			VALUES (#{kid}, #{algorithm}, #{publicKey}, #{privateKey}, #{status}, #{createdAt}, #{activatesAt},
			  #{signedUntil})
			""")
	void insert(SigningKey key);

	/** Leaves one key signing after a rotation; the others keep verifying. */
	@Update("""
			UPDATE signing_key SET status = 'PUBLISHED', signed_until = #{now}
			WHERE status = 'ACTIVE' AND kid <> #{kid}
			""")
	int demoteAllBut(@Param("kid") String kid, @Param("now") Instant now);

	/**
	 * The next key signs; guarded, so a second instance applying the same step is a
	 * no-op.
	 */
	@Update("UPDATE signing_key SET status = 'ACTIVE', activates_at = #{now} WHERE kid = #{kid} AND status = 'NEXT'")
	int activate(@Param("kid") String kid, @Param("now") Instant now);

	/** Out of the JWKS, and its private key gone: nothing can sign with it again. */
	@Update("""
			UPDATE signing_key SET status = 'RETIRED', retired_at = #{now}, private_key = ''
			WHERE kid = #{kid} AND status = 'PUBLISHED'
			""")
	int retire(@Param("kid") String kid, @Param("now") Instant now);

	/**
	 * Serialises key creation across instances starting together (a MariaDB named lock).
	 */
	@Select("SELECT GET_LOCK(#{name}, #{seconds})")
	Integer lock(@Param("name") String name, @Param("seconds") int seconds);

	@Select("SELECT RELEASE_LOCK(#{name})")
	Integer unlock(@Param("name") String name);

}
