package kz.clinicai.voicebot.acs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The JSON the ACS robot speaks from; absent fields are omitted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"status", "date", "date_kz", "weekday", "weekday_kz", "day", "day_kz", "time", "specialist_name",
        "first_time", "second_time", "third_time", "message"})
public record AcsReply(
        @JsonProperty("status") String status,
        @JsonProperty("date") String date,
        @JsonProperty("date_kz") String dateKz,
        @JsonProperty("weekday") String weekday,
        @JsonProperty("weekday_kz") String weekdayKz,
        @JsonProperty("day") String day,
        @JsonProperty("day_kz") String dayKz,
        @JsonProperty("time") String time,
        @JsonProperty("specialist_name") String specialistName,
        @JsonProperty("first_time") String firstTime,
        @JsonProperty("second_time") String secondTime,
        @JsonProperty("third_time") String thirdTime,
        @JsonProperty("message") String message) {

    public static AcsReply error(String message) {
        return new Builder(AcsStatus.ERROR.wireName()).message(message).build();
    }

    static Builder builder(String status) {
        return new Builder(status);
    }

    static final class Builder {
        private final String status;
        private String date;
        private String dateKz;
        private String weekday;
        private String weekdayKz;
        private String day;
        private String dayKz;
        private String time;
        private String specialistName;
        private String firstTime;
        private String secondTime;
        private String thirdTime;
        private String message;

        private Builder(String status) {
            this.status = status;
        }

        Builder date(String ru, String kk, String weekdayRu, String weekdayKk, String dayRu, String dayKk) {
            this.date = ru;
            this.dateKz = kk;
            this.weekday = weekdayRu;
            this.weekdayKz = weekdayKk;
            this.day = dayRu;
            this.dayKz = dayKk;
            return this;
        }

        Builder time(String value) {
            this.time = value;
            return this;
        }

        Builder specialist(String value) {
            this.specialistName = value == null || value.isBlank() ? null : value;
            return this;
        }

        Builder offers(String first, String second, String third) {
            this.firstTime = first;
            this.secondTime = second;
            this.thirdTime = third;
            return this;
        }

        Builder message(String value) {
            this.message = value;
            return this;
        }

        AcsReply build() {
            return new AcsReply(status, date, dateKz, weekday, weekdayKz, day, dayKz, time, specialistName, firstTime,
                    secondTime, thirdTime, message);
        }
    }
}
