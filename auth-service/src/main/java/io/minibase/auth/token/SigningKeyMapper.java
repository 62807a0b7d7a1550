package io.minibase.auth.token;

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
			SELECT kid, algorithm, public_key, private_key, status, created_at
			FROM signing_key
			WHERE status <> 'RETIRED'
			ORDER BY (status = 'ACTIVE') DESC, created_at DESC, kid
			""")
	List<SigningKey> findPublished();

	@Insert("""
			INSERT INTO signing_key (kid, algorithm, public_key, private_key, status, created_at)
			VALUES (#{kid}, #{algorithm}, #{publicKey}, #{privateKey}, #{status}, #{createdAt})
			""")
	void insert(SigningKey key);

	/** Leaves one key signing after a rotation; the others keep verifying. */
	@Update("UPDATE signing_key SET status = 'PUBLISHED' WHERE status = 'ACTIVE' AND kid <> #{kid}")
	int demoteAllBut(@Param("kid") String kid);

	/**
	 * Serialises key creation across instances starting together (a MariaDB named lock).
	 */
	@Select("SELECT GET_LOCK(#{name}, #{seconds})")
	Integer lock(@Param("name") String name, @Param("seconds") int seconds);

	@Select("SELECT RELEASE_LOCK(#{name})")
	Integer unlock(@Param("name") String name);

}
