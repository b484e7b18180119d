-- A synthetic national-scale database for bench/sweep.py --national: 1,000,000 children,
-- 640,000 plans in force with an open annual review each, and about 6 statutory deadlines per
-- child spread around today. Run after `manage.py demo_data --children 200` (staff and teams).
BEGIN;
CREATE TEMP TABLE cw AS SELECT row_number() OVER (ORDER BY u.id) AS n, u.id, u.team_id
  FROM accounts_user u JOIN accounts_user_groups ug ON ug.user_id = u.id JOIN auth_group g ON g.id = ug.group_id
  WHERE g.name = 'caseworker' AND u.team_id IS NOT NULL;
INSERT INTO cases_child (reference, forename, surname, date_of_birth, sex, ethnicity, postcode, upn, uln, nhs_number,
  upn_unknown_reason, looked_after, child_in_need, team_id, lead_caseworker_id, created_at, modified_at)
SELECT 'N-' || lpad(i::text, 8, '0'), 'Child', 'Synthetic' || i, current_date - (730 + (i::bigint * 7919) % 8000)::int, 'U', '', '', '', '', '',
  'UN8', false, false, cw.team_id, cw.id, now(), now()
FROM generate_series(1, 1000000) AS i JOIN cw ON cw.n = 1 + i % (SELECT count(*) FROM cw);
INSERT INTO cases_ehcplan (child_id, status, first_issued_on, transferred_in, residential, work_based_learning,
  named_setting_code, personal_budget_taken_up, organised_arrangements, direct_payments, cease_reason, next_review_due_on, created_at, modified_at)
SELECT c.id, 'in_force', current_date - (30 + c.id % 2000)::int, false, false, false, '', false, false, false, '',
  current_date + (c.id % 400)::int - 60, now(), now()
FROM cases_child c WHERE c.reference LIKE 'N-%' AND c.id % 25 < 16;
INSERT INTO cases_annualreview (plan_id, kind, phase_transfer, due_on, decision, preparing_for_adulthood, completed, created_at, modified_at)
SELECT p.id, 'annual', '', p.next_review_due_on, '', false, false, now(), now()
FROM cases_ehcplan p JOIN cases_child c ON c.id = p.child_id WHERE c.reference LIKE 'N-%';
INSERT INTO cases_statutorydeadline (child_id, key, stage, rule, title, explanation, trigger_on, due_on, done_on, state,
  exception_applied, statutory, is_open, updated_at)
SELECT c.id, 'request' || c.id || ':' || k.key, k.stage, k.rule, k.title, k.rule || ': synthetic', current_date - 100,
  current_date + ((c.id * 31 + k.n * 17) % 120)::int - 60,
  CASE WHEN (c.id + k.n) % 3 = 0 THEN current_date - 70 END,
  'due', (c.id + k.n) % 40 = 0, true, (c.id + k.n) % 3 <> 0, now()
FROM cases_child c CROSS JOIN (VALUES (1, 'decision_to_assess', 'decision', 'reg 5(1)', 'Decide whether to assess'),
  (2, 'not_to_issue', 'outcome', 'reg 10(1)', 'Decide not to issue a plan (if so)'),
  (3, 'final_plan', 'final_plan', 'reg 13(2)', 'Issue the final plan'),
  (4, 'advice:1', 'advice', 'reg 8(1)', 'Advice from EP'),
  (5, 'advice:2', 'advice', 'reg 8(1)', 'Advice from health'),
  (6, 'annual_review', 'review', 'CFA s44(1)', 'Complete the annual review')) AS k(n, key, stage, rule, title)
WHERE c.reference LIKE 'N-%';
COMMIT;
ANALYZE;
