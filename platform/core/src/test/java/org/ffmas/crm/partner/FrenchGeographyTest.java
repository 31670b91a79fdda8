package org.ffmas.crm.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrenchGeographyTest {

    @Test
    void departmentAndRegionComeFromThePostalCode() {
        assertThat(FrenchGeography.place("75008")).contains(new FrenchGeography.Place("75", "11"));
        assertThat(FrenchGeography.place("69002")).contains(new FrenchGeography.Place("69", "84"));
        assertThat(FrenchGeography.place("01000")).contains(new FrenchGeography.Place("01", "84"));
        assertThat(FrenchGeography.place("35000")).contains(new FrenchGeography.Place("35", "53"));
    }

    @Test
    void corsicaSplitsInTwoDepartments() {
        assertThat(FrenchGeography.place("20000")).contains(new FrenchGeography.Place("2A", "94"));
        assertThat(FrenchGeography.place("20200")).contains(new FrenchGeography.Place("2B", "94"));
    }

    @Test
    void overseasDepartmentsHaveThreeDigitCodes() {
        assertThat(FrenchGeography.place("97400")).contains(new FrenchGeography.Place("974", "04"));
        assertThat(FrenchGeography.place("97600")).contains(new FrenchGeography.Place("976", "06"));
        assertThat(FrenchGeography.place("97500")).as("Saint-Pierre-et-Miquelon: no region")
                .contains(new FrenchGeography.Place("975", null));
    }

    @Test
    void impossibleCodesAreRefused() {
        assertThat(FrenchGeography.validPostalCode("00100")).isFalse();
        assertThat(FrenchGeography.validPostalCode("96000")).isFalse();
        assertThat(FrenchGeography.validPostalCode("98000")).as("Monaco is not France").isFalse();
        assertThat(FrenchGeography.validPostalCode("7500")).isFalse();
        assertThat(FrenchGeography.validPostalCode("75O08")).isFalse();
    }

    @Test
    void everyMetropolitanDepartmentHasARegion() {
        for (int d = 1; d <= 95; d++) {
            if (d == 20) {
                continue;
            }
            String code = String.format("%02d", d);
            assertThat(FrenchGeography.place(code + "100")).as(code).hasValueSatisfying(p -> assertThat(p.region()).isNotNull());
        }
    }
}
