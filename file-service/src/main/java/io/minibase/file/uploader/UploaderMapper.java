package io.minibase.file.uploader;

import java.time.Instant;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The uploaders' openids, one per user and mini-program. */
@Mapper
interface UploaderMapper {

	/** Links the openid, unless a later link of the same user and app is stored. */
	@Insert("""
			INSERT INTO uploader (user_id, app_id, openid, linked_at) VALUES (#{userId}, #{appId}, #{openid}, #{linkedAt})
			ON DUPLICATE KEY UPDATE
			  openid = IF(VALUES(linked_at) >= linked_at, VALUES(openid), openid),
			  linked_at = GREATEST(linked_at, VALUES(linked_at))""")
	void link(@Param("userId") long userId, @Param("appId") String appId, @Param("openid") String openid,
			@Param("linkedAt") Instant linkedAt);

	@Select("SELECT openid FROM uploader WHERE user_id = #{userId} AND app_id = #{appId}")
	String openid(@Param("userId") long userId, @Param("appId") String appId);

}
