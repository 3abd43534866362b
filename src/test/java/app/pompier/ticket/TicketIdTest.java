package app.pompier.ticket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TicketIdTest {
    @ParameterizedTest
    @CsvSource({"INC-42,INC,42", "inc-7,INC,7", " SUP2-100 ,SUP2,100"})
    void what_people_type_reads_as_a_ticket_id(String typed, String prefix, long number) {
        assertEquals(Optional.of(new TicketId(prefix, number)), TicketId.parse(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "INC", "INC-", "INC-0", "-42", "INC 42", "INC-42x", "TOOLONGPREFIX-1"})
    void anything_else_is_not_a_ticket_id(String typed) {
        assertEquals(Optional.empty(), TicketId.parse(typed));
    }
}
