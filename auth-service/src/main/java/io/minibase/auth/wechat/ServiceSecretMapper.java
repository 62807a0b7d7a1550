package io.minibase.auth.wechat;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Secrets the service generates once and keeps in its schema (table service_secret). */
@Mapper
public interface ServiceSecretMapper {

	@Insert("INSERT IGNORE INTO service_secret (name, secret) VALUES (#{name}, #{secret})")
	int insertIfAbsent(@Param("name") String name, @Param("secret") String secret);

	@Select("SELECT secret FROM service_secret WHERE name = #{name}")
	String find(@Param("name") String name);

}
