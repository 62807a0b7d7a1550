package io.minibase.common.events;

import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The processed-event table of idempotent consumers. */
@Mapper
interface ProcessedEventMapper {

	/** 1 when the event is new for this consumer, 0 when it was applied before. */
	@Insert("INSERT IGNORE INTO processed_event (consumer, event_id) VALUES (#{consumer}, #{eventId})")
	int insertIfAbsent(@Param("consumer") String consumer, @Param("eventId") String eventId);

	/** Which of these events this consumer has applied before. */
	@Select("""
			<script>SELECT event_id FROM processed_event WHERE consumer = #{consumer} AND event_id IN
			<foreach item="id" collection="eventIds" open="(" separator="," close=")">#{id}</foreach></script>""")
	List<String> applied(@Param("consumer") String consumer, @Param("eventIds") Collection<String> eventIds);

	/**
	 * Records events as applied; fails on one recorded meanwhile by another transaction
	 * (a plain INSERT, so the caller's transaction rolls back instead of applying it
	 * twice).
	 */
	@Insert("""
			<script>INSERT INTO processed_event (consumer, event_id) VALUES
			<foreach item="id" collection="eventIds" separator=",">(#{consumer}, #{id})</foreach></script>""")
	int insertAll(@Param("consumer") String consumer, @Param("eventIds") Collection<String> eventIds);

}
