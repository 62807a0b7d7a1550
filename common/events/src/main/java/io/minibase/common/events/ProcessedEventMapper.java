package io.minibase.common.events;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The processed-event table of idempotent consumers. */
@Mapper
interface ProcessedEventMapper {

	/** 1 when the event is new for this consumer, 0 when it was applied before. */
	@Insert("INSERT IGNORE INTO processed_event (consumer, event_id) VALUES (#{consumer}, #{eventId})")
	int insertIfAbsent(@Param("consumer") String consumer, @Param("eventId") String eventId);

}
