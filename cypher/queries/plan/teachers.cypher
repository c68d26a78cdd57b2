// One more round of the prerequisite search: the credentials teaching $skills (see
// plan/_teachers; costs in $currency) and, with $narrower, the skills narrower than each.
WITH $skills AS wanted, $currency AS currency
CALL (wanted, currency) {
// include: plan/_teachers
}
CALL (wanted) {
// include: plan/_narrower
}
RETURN offers, asked, narrower
