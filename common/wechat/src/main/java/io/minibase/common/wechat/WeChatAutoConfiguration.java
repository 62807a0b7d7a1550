package io.minibase.common.wechat;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The WeChat client of a service that depends on common-wechat. */
@AutoConfiguration(afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@EnableConfigurationProperties(WeChatProperties.class)
public class WeChatAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WeChatApi weChatApi(WeChatProperties settings, StringRedisTemplate redis, JsonMapper json, MeterRegistry meters) {
		return new WeChatApi(settings, redis, json, meters);
	}

	@Bean
	@ConditionalOnMissingBean
	ContentSecurity contentSecurity(WeChatApi api, MeterRegistry meters) {
		return new ContentSecurity(api, meters);
	}

}
