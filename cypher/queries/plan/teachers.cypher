// One more round of the prerequisite search: the credentials teaching $skills (see
// plan/_teachers) and, with $narrower, the skills narrower than each.
WITH $skills AS wanted
CALL (wanted) {
// include: plan/_teachers
}
CALL (wanted) {
// include: plan/_narrower
}
RETURN offers, asked, narrower
