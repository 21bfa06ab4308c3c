import { sql, type Kysely } from 'kysely';

/**
 * A wave pins the questionnaires it is answered with, as it pins its model: a later edit of `surveys/*.json`
 * changes neither what an old wave's links show nor how its answers are validated or scored.
 *
 * A set (the four questionnaires and the counting rules) is stored once under the hash of its content. A model
 * names the set it was last loaded with; a wave takes its model's set when it is created, and again when its
 * model is changed (only possible before its first answer). The copy is made by a trigger, so every way of
 * creating a wave pins, and none can forget to.
 *
 * Waves created before this migration get their set at the next start of the server, from the model files the
 * repository keeps for every version (`surveys/archive/<model id>/`): a migration cannot read those files through
 * the server's loader.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table questionnaire_sets (
      id text primary key,
      -- json, not jsonb: the questionnaires are served exactly as written, keys in the order of the file.
      definition json not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`alter table risk_models add column questionnaires_id text references questionnaire_sets (id)`.execute(db);
  await sql`alter table waves add column questionnaires_id text references questionnaire_sets (id)`.execute(db);

  await sql`
    create function pin_wave_questionnaires() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if new.model_id is not distinct from old.model_id then
          return new;
        end if;
      end if;
      new.questionnaires_id := (select questionnaires_id from risk_models where id = new.model_id);
      if new.questionnaires_id is null then
        raise exception 'risk model "%" has no stored questionnaires; start the server once to store them', new.model_id
          using errcode = 'foreign_key_violation';
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`create trigger waves_pin_questionnaires before insert or update of model_id on waves for each row execute function pin_wave_questionnaires()`.execute(
    db,
  );
}
