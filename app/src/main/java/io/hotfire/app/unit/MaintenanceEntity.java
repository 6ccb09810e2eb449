package io.hotfire.app.unit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Maintenance recorded on a unit. */
@Entity
@Table(name = "unit_maintenance")
public class MaintenanceEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "unit_serial", nullable = false, length = 64)
    public String unitSerial;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "by_user", nullable = false)
    public String byUser;

    @Column(nullable = false, length = 2000)
    public String note;
}
