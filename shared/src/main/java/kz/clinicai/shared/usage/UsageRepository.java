package kz.clinicai.shared.usage;

import java.time.LocalDate;
import java.util.List;

/** Usage rows by UTC day: what the console sums into daily spend by channel. */
public interface UsageRepository extends UsageRecorder {

    /** Every usage recorded on {@code day} (UTC), in no particular order. */
    List<Usage> day(LocalDate day);
}
