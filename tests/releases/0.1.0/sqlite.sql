BEGIN TRANSACTION;
CREATE TABLE "accounts_invitation" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(254) NOT NULL, "role" varchar(20) NOT NULL, "token_hash" varchar(64) NOT NULL UNIQUE, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "used_at" datetime NULL, "revoked_at" datetime NULL, "organisation_id" bigint NOT NULL REFERENCES "accounts_organisation" ("id") DEFERRABLE INITIALLY DEFERRED, "team_id" bigint NULL REFERENCES "accounts_team" ("id") DEFERRABLE INITIALLY DEFERRED, "sealed_intake_key" BLOB NULL, "created_by_id" bigint NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "accounts_organisation" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(200) NOT NULL, "created_at" datetime NOT NULL);
INSERT INTO "accounts_organisation" VALUES(1,'Fixture organisation (invented)','2026-12-05 01:11:11.082695');
CREATE TABLE "accounts_passkey" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(64) NOT NULL, "confirmed" bool NOT NULL, "credential_id" BLOB NOT NULL UNIQUE, "public_key" BLOB NOT NULL, "sign_count" bigint unsigned NOT NULL CHECK ("sign_count" >= 0), "created_at" datetime NOT NULL, "last_used_at" datetime NULL, "user_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "accounts_recoverycodes" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(64) NOT NULL, "confirmed" bool NOT NULL, "code_hashes" text NOT NULL CHECK ((JSON_VALID("code_hashes") OR "code_hashes" IS NULL)), "user_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "accounts_staff" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "email" varchar(254) NOT NULL UNIQUE, "display_name" varchar(120) NOT NULL, "role" varchar(20) NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL, "language" varchar(8) NOT NULL, "failed_signins" integer unsigned NOT NULL CHECK ("failed_signins" >= 0), "last_failed_signin" datetime NULL, "locked_until" datetime NULL, "organisation_id" bigint NOT NULL REFERENCES "accounts_organisation" ("id") DEFERRABLE INITIALLY DEFERRED, "team_id" bigint NULL REFERENCES "accounts_team" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "accounts_staff" VALUES(1,'argon2$argon2id$v=19$m=65536,t=3,p=2$UVR2YmVnU1VrbVJ0dmJRWHpkWWNqeQ$XkqKDcyS+yMYsrWMMrXVjHN7ZVQ1+iEF+0Xlce1Ew4Y',NULL,'coordinator@fixture.example','Coordinator 1','coordinator',1,'2026-12-05 01:11:11.111566','',0,NULL,NULL,1,NULL);
INSERT INTO "accounts_staff" VALUES(2,'argon2$argon2id$v=19$m=65536,t=3,p=2$QjJvc2RweFdKb3hhV0dwVmhDYzZXSw$n3ZIzGokgO7xO37gROmg8N1hE1mLFL5MOvGWI5MmWmA','2026-12-05 01:11:19.909364','caseworker@fixture.example','Caseworker 2','caseworker',1,'2026-12-05 01:11:11.928137','',0,NULL,NULL,1,NULL);
INSERT INTO "accounts_staff" VALUES(3,'argon2$argon2id$v=19$m=65536,t=3,p=2$dHFZbEVYVE1uZFduUDNNZ2VYS3FoRA$Ss0djnppmnc5SRMW1DaCF8zF6frlG/zyB4MdTJHahu4','2026-12-05 01:11:16.175498','vetter1@fixture.example','Vetter 3','vetter',1,'2026-12-05 01:11:12.727106','',0,NULL,NULL,1,NULL);
INSERT INTO "accounts_staff" VALUES(4,'argon2$argon2id$v=19$m=65536,t=3,p=2$Yk80dFZJVWFlTjJJbUJqbGRFRVBZcQ$Z5A6K4//D/UjNOLURzWLjAXveypRevB7vfgLU070LTQ',NULL,'vetter2@fixture.example','Vetter 4','vetter',1,'2026-12-05 01:11:13.630762','',0,NULL,NULL,1,NULL);
INSERT INTO "accounts_staff" VALUES(5,'argon2$argon2id$v=19$m=65536,t=3,p=2$WVpnRHNHVFhjck9JSDlhTzdBV0hHNA$e3+loA+0ypLKaWvYR9Mt+PN5+Pl5F7VdYq6JaER/53g',NULL,'legal@fixture.example','Legal adviser 5','legal',1,'2026-12-05 01:11:14.432430','',0,NULL,NULL,1,NULL);
CREATE TABLE "accounts_staffsession" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL, "staff_id" bigint NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "accounts_staffsession" VALUES('i9lp926ym8u3gr6kciy8q3s0weq101yj','.eJxtjltvgkAQhf_LvmqAvcDumvjgpVaTikGT1jcy7C6CUlButmn63wvVB5v0ZTIz53wn5wuF0NRJ2FSmDFONRoii4eMvAnUyeS_oI-SHwlJFXpdpZPUW665W1rrQJpvevX8CEqiSjsacxlJh4RCtJbg01kZJ7RinWyHysBDESEyZUhhTwoFH1HCPRNolwFikutCiPofatKkyt6b9XXfD6sdNsPv2VXrIjQ7TPIQajTCXHqPU4Z6FOeeUDVEGVR1WxuQPqrCEI1wih6g0v-X_YVnHttBkPQyZ6TtMosVl2wzOGajtpx23PpXzoCyCjbzsXx1_NXkRR2bPqTtbBKIa0OV-uowHbwutPpLi_bor2Uld2wns8OfTbhbMDtPNqqHPtn-WPnBSrq_jMfr-AebMhSo:1xZeJ4:ETT9r05G8BIwohIYaJpk1DQTABj8yWaBwpq9TVK5LHw','2026-12-05 13:11:18.920271',3);
INSERT INTO "accounts_staffsession" VALUES('2w3o35kj5mqugps8fxp883smxkipyd76','.eJxtjstuwjAURP_F20Z52omNxAJCi4RKSwOopZvIsW8eJHWixEklqv57SWFRpG5GuvfMjOYLxbzXedx30MaFRBPkIuPvL-GiBDUCeeQqq01RK90WiTlazCvtzHUtoZpfvTcFOe_yc9oTXFIA8IAAlcyxA8zTAPtMCJH6mAQu8Sk4AWUYEymwSKmb2I7tE4_a3GPn0lo3sYShEHBZOt76LOYoF2CN67siUyDjQsVco4kTMB97nh0wk7kew4GBKt7puANQtxRj6hADtfA7_p8s8Q008L4aw7yCccPsBT9kSmZRE9rLbPWBI6F2cOhbEs278LO5t0Jnu3fnHNLdfhGtCr3s1sPmLXkvsB4OVnl3egzxJnk9UcvZVs_VWpd84ROoj3n5NGvq2XSKvn8A0tuGLA:1xZeJ6:k6fnhFr6VTnjju1XuQG0aMDPwuCYAsUvsGLfHhRQCRU','2026-12-05 13:11:20.031834',2);
CREATE TABLE "accounts_team" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(120) NOT NULL, "organisation_id" bigint NOT NULL REFERENCES "accounts_organisation" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "team_name_unique" UNIQUE ("organisation_id", "name"));
INSERT INTO "accounts_team" VALUES(1,'Desk',1);
INSERT INTO "accounts_team" VALUES(2,'Vetting',1);
CREATE TABLE "audit_auditcheckpoint" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "size" bigint NOT NULL, "root" BLOB NOT NULL, "signed_at" varchar(40) NOT NULL, "key_id" varchar(16) NOT NULL, "public_key" BLOB NOT NULL, "signature" BLOB NOT NULL);
CREATE TABLE "audit_auditentry" ("seq" bigint NOT NULL PRIMARY KEY, "at" datetime NOT NULL, "actor_id" bigint NULL, "actor_label" varchar(254) NOT NULL, "action" varchar(64) NOT NULL, "target_type" varchar(32) NOT NULL, "target_ref" varchar(64) NOT NULL, "details" text NOT NULL, "leaf_hash" BLOB NOT NULL, "root_hash" BLOB NOT NULL);
INSERT INTO "audit_auditentry" VALUES(1,'2026-12-05 01:11:11.099000',NULL,'system','organisation.created','organisation','1','{}',X'1DFB2AA3DD35D00548E24672228BFA6EFA01E4E6C5BDCAD2A9D6E92A23214390',X'1DFB2AA3DD35D00548E24672228BFA6EFA01E4E6C5BDCAD2A9D6E92A23214390');
INSERT INTO "audit_auditentry" VALUES(2,'2026-12-05 01:11:15.440000',2,'caseworker@fixture.example','case.created','case','SP-4CD0-FWKE','{"stage":"first_contact"}',X'C5824A706168FF829E023C25B3F916CC3209023A330425509830804114E90127',X'7FC561B4C009AD5BA10C7A3777E6E4D8786442EEA38AD44B1DDE7C4C84543E08');
INSERT INTO "audit_auditentry" VALUES(3,'2026-12-05 01:11:15.448000',2,'caseworker@fixture.example','case.person_changed','case','SP-4CD0-FWKE','{"fields":["birth_date","citizenships","languages","latin_spellings"],"row":1}',X'5DC31D8A2C5F331C885DD9DFF8CBABB27769E8DED35043235B8626B2F4A2C942',X'9689270AEDBAA46EFA4890B0798793F7FBB93CA6438E4332CD0D9A05FB474985');
INSERT INTO "audit_auditentry" VALUES(4,'2026-12-05 01:11:15.471000',2,'caseworker@fixture.example','case.serviceperiod_added','case','SP-4CD0-FWKE','{"fields":["category","ended_on","rank","region","speciality","started_on","unit_name","unit_number"],"row":1}',X'ABA443CD6CA1CB9E7AEB203E408027ACB6FCB570E41DFEBFF00C3633157E6DA7',X'607EABAC8E32209D74710A0236722486E231E8871EFFE966195B1C95F334E4EC');
INSERT INTO "audit_auditentry" VALUES(5,'2026-12-05 01:11:15.491000',2,'caseworker@fixture.example','case.criminalcase_added','case','SP-4CD0-FWKE','{"fields":["article","opened_on","part","source","status"],"row":1}',X'38A85A7822EBBB6A3C77B8E9BAC49865E27F33FF4B3C1443F4B54136B4A6AFDE',X'C2C1F66565482A3FAE37ECEA5A4C99F6F951A5CA3F603F48D635F79991D2B6CA');
INSERT INTO "audit_auditentry" VALUES(6,'2026-12-05 01:11:15.511000',2,'caseworker@fixture.example','case.pressureevent_added','case','SP-4CD0-FWKE','{"fields":["kind","note","occurred_on"],"row":1}',X'6C93D10A8CB8E0F8F6A3AD6ACC6134B37B8EAFE044255202683D1125812408AA',X'43843C8419CCB0A91F37CF2B08C7CEE570484152367E23B57DFFC39F2873B114');
INSERT INTO "audit_auditentry" VALUES(7,'2026-12-05 01:11:15.527000',2,'caseworker@fixture.example','case.documentheld_added','case','SP-4CD0-FWKE','{"fields":["doc_type","state"],"row":1}',X'7FC1D1777A9FD7A3B3E0F1DDDCE439226E2B05B1DB98CC1C3242F65D94B6D340',X'AF9C34145E4F6BC90B6B48E0CCB1705EAFD719D73843409D76DB52938AC6C65A');
INSERT INTO "audit_auditentry" VALUES(8,'2026-12-05 01:11:15.545000',2,'caseworker@fixture.example','case.stay_added','case','SP-4CD0-FWKE','{"fields":["basis","country","entered_on"],"row":1}',X'05194AA9D782F3C05635CFFD6946C56BD14DD20D6479292CD019E9BC38DFBD82',X'1B7331F484E7C2135205812E5BB5F353D85CFB4E2873920E65C0F94265F61671');
INSERT INTO "audit_auditentry" VALUES(9,'2026-12-05 01:11:15.579000',2,'caseworker@fixture.example','case.task_added','case','SP-4CD0-FWKE','{"fields":["due_on","title"],"row":1}',X'390E348FCA3D2618C0EAD7DB4A4ADAA8C0E0C1C819EBE477883C27BB2D1F3C28',X'799CA87A4783C8484E86E904610E4F153E994AC3F2024CA9D280605E928C9CA8');
INSERT INTO "audit_auditentry" VALUES(10,'2026-12-05 01:11:15.600000',2,'caseworker@fixture.example','case.stage_changed','case','SP-4CD0-FWKE','{"from":"first_contact","reason":null,"to":"consultation"}',X'E07E31AAEA9BA638E6EE4D7944D0BAA38AA078F909C25F48D57E0443968EE320',X'DE79BAC8A47F7756D756EA8E17BB6C689E78BF2DC8AB298D15BB03F329576125');
INSERT INTO "audit_auditentry" VALUES(11,'2026-12-05 01:11:15.612000',2,'caseworker@fixture.example','case.stage_changed','case','SP-4CD0-FWKE','{"from":"consultation","reason":null,"to":"transit"}',X'75870EC3E326BB702DD2B4915EA52D0056DECA33CDDA04E712A9E92F26C1B22B',X'B3F143EB4C4BC2E596A32B684856204D3DA4984B6F168BAA214018E353A019A9');
INSERT INTO "audit_auditentry" VALUES(12,'2026-12-05 01:11:15.630000',2,'caseworker@fixture.example','case.created','case','SP-NGVY-6Q4D','{"stage":"first_contact"}',X'DABA185CAE3E76B9AF135A09E6EB5B45F870CA56D998E96C6AF3FC73349F1DAB',X'059E1FB061E76F2AFB1923E1A7E04A950339754A9DC30CEA5C25C7FDCC123E30');
INSERT INTO "audit_auditentry" VALUES(13,'2026-12-05 01:11:15.635000',2,'caseworker@fixture.example','case.stage_changed','case','SP-NGVY-6Q4D','{"from":"first_contact","reason":null,"to":"consultation"}',X'982646B6462A5D50E85FF408975EC7CB09A2D6BE4FFC3494978C19E9F40486F5',X'DF267CC422A76C938B7CA7F6AC6BF38979EC25F08D0BE857BB8C48C2CB0F6876');
INSERT INTO "audit_auditentry" VALUES(14,'2026-12-05 01:11:15.643000',2,'caseworker@fixture.example','case.note_added','case','SP-NGVY-6Q4D','{"fields":["text"],"row":1}',X'E147ED533E275B2D80D4334E434A5FA31CDC3C47D8B2EB27B3CA67114B905628',X'9A5E6461DBDCFC5088207A0478C35354EC1E49D44039D40572437048A5647230');
INSERT INTO "audit_auditentry" VALUES(15,'2026-12-05 01:11:15.684000',2,'caseworker@fixture.example','case.created','case','SP-SAZC-BHVB','{"stage":"first_contact"}',X'BB81051646A8653990B9EC8D5914C1DBAA10F2CBF7B2BB817DAEBCD183DBF3C1',X'BFCFEA70D8CE7DDEEAF6650E5BD83D63B3B5849053C3B5081ECEA1B5CA45746C');
INSERT INTO "audit_auditentry" VALUES(16,'2026-12-05 01:11:15.695000',2,'caseworker@fixture.example','case.stay_added','case','SP-SAZC-BHVB','{"fields":["country","entered_on"],"row":2}',X'3DCBDEB2298719169E0F458CA109F62A44B4C40C57D29FB66A10E79590A6AA09',X'AFC4720DC2A0198F53E72DED12B2DFD37C4D6BE42B7C76F7875365779F82DC6D');
INSERT INTO "audit_auditentry" VALUES(17,'2026-12-05 01:11:15.719000',2,'caseworker@fixture.example','case.serviceperiod_added','case','SP-SAZC-BHVB','{"fields":["category","ended_on","rank","region","started_on","unit_name","unit_number"],"row":2}',X'7AA396D9F30C0491F3DE2D42046495CEFD8AC8EBA387B689313CEE927EBE7F94',X'CA585C92F463A170A91193C2B1970826798ED51A77472EEF54B3D26D0BA8025F');
INSERT INTO "audit_auditentry" VALUES(18,'2026-12-05 01:11:15.736000',2,'caseworker@fixture.example','case.stage_changed','case','SP-SAZC-BHVB','{"from":"first_contact","reason":null,"to":"consultation"}',X'52237BA6D89D8A97D00BA9FB156B300AADB3D1910BC3EF7E9FB029BA01E43ACD',X'030A253D15B687065D9B9DBDB9435893204657B8AF08F8A24BBE1A9AF20CFE61');
INSERT INTO "audit_auditentry" VALUES(19,'2026-12-05 01:11:15.743000',2,'caseworker@fixture.example','case.stage_changed','case','SP-SAZC-BHVB','{"from":"consultation","reason":null,"to":"transit"}',X'3AB924354E5076BCB4D3A055AE04BC21486E0E636935BF85C19AC115415044D7',X'C120A805C009325A31F93F53EBD754475CFFAFE595E00FECEA1A5AC47C478A8A');
INSERT INTO "audit_auditentry" VALUES(20,'2026-12-05 01:11:15.747000',2,'caseworker@fixture.example','case.stage_changed','case','SP-SAZC-BHVB','{"from":"transit","reason":null,"to":"vetting"}',X'290F9C554357A8AF8B1A59E510B06D3808D3805235D41415D11A4E168BBAF5F7',X'4D0C46847911A240262294C3F7B905061909879CC691C8DD39D145F260D261C9');
INSERT INTO "audit_auditentry" VALUES(21,'2026-12-05 01:11:15.763000',2,'caseworker@fixture.example','case.assigned','case','SP-SAZC-BHVB','{"new":true,"role":"vetter","staff":3}',X'DE1F467016C55E54CDAA48D14454875D95FF233D0F23A357CAA0A95B7CC5BF63',X'D36980FA93A2B9C7771506AE73577681B44C484A546841944F9D2E168A3CC16D');
INSERT INTO "audit_auditentry" VALUES(22,'2026-12-05 01:11:15.794000',2,'caseworker@fixture.example','case.created','case','SP-FWRS-QSZP','{"stage":"first_contact"}',X'0BAF88517604071A6AF967A0C493900E50CE35F671B5E778E54AAC29F282B43F',X'A9F22DC38D3D3F59636A7FDFD8DC498D512712AFA91102A9A7C8340F5E2E427A');
INSERT INTO "audit_auditentry" VALUES(23,'2026-12-05 01:11:15.803000',2,'caseworker@fixture.example','case.person_added','case','SP-FWRS-QSZP','{"fields":["name_cyrillic"],"row":5}',X'FFAD8D8BA8CEE2A877A46196FE3A230F1845DE2612F16377A64EB6E3CE9331FE',X'E5BA8907E31DE6AB48E17987EF0CA4C31B7107DF23BF165FBEA656257CCCB3CC');
INSERT INTO "audit_auditentry" VALUES(24,'2026-12-05 01:11:15.822000',2,'caseworker@fixture.example','case.person_added','case','SP-FWRS-QSZP','{"fields":["name_cyrillic"],"row":6}',X'2365D7A65D9DBEDEFC4B6BF26EDD9A728CFAC2AFAE064D269137E79F47E48CC5',X'6A8A1400C25137EF2CFD3D156DEF7BB48151DF323762D129737CEE9B4C1D1DFA');
INSERT INTO "audit_auditentry" VALUES(25,'2026-12-05 01:11:15.837000',2,'caseworker@fixture.example','case.stay_added','case','SP-FWRS-QSZP','{"fields":["country","entered_on","registered_until"],"row":3}',X'2567958DD13B1C57F8E5E46690F83E25FC5C2B40593EDE730F5F23FBB63E00EB',X'8539070CFAD3B3DA09B14C62BF069C16E0FB2CE028B7D94103D031AE49C412C3');
INSERT INTO "audit_auditentry" VALUES(26,'2026-12-05 01:11:15.875000',2,'caseworker@fixture.example','case.settings_changed','case','SP-FWRS-QSZP','{"checkin_interval_days":7,"country":"kg"}',X'39B990446F80B01468EEB31A360285FEBACE00881F47E879FC10B58F296FBEB0',X'36709DB43C7F770A22DF27CBCEF3CAFEB8D2F04CC66F451316C17B4620E0EB43');
INSERT INTO "audit_auditentry" VALUES(27,'2026-12-05 01:11:15.884000',2,'caseworker@fixture.example','case.stage_changed','case','SP-FWRS-QSZP','{"from":"first_contact","reason":null,"to":"consultation"}',X'C4DC7119FBFCF328390776CE43D4D79BB13BB16DB906F30BB7043D4284E0C092',X'F864089E3BFDB7C5AB7DD66D0B95B8E376EEB8305B93F49ECEB79D9A6266E458');
INSERT INTO "audit_auditentry" VALUES(28,'2026-12-05 01:11:15.921000',2,'caseworker@fixture.example','case.created','case','SP-HSTB-T99R','{"stage":"first_contact"}',X'C267955B32EDF8EFA0687AA86B816A742B27B89B5313519D4724356E75894833',X'5C740E6F30BDCDF0C88DDCE09883EB5EABCF27E8C7950CBB1723400723C15F92');
INSERT INTO "audit_auditentry" VALUES(29,'2026-12-05 01:11:15.924000',2,'caseworker@fixture.example','case.stage_changed','case','SP-HSTB-T99R','{"from":"first_contact","reason":null,"to":"consultation"}',X'31B2AA923070CEF32AE3D98A6C46B47F910285CFCC7FC302A1FB4B8752761E29',X'87FD1EF70FE0DE2067ACE3022BCDA5C223CF8AC479EFB898AA4C1FD06E445D18');
INSERT INTO "audit_auditentry" VALUES(30,'2026-12-05 01:11:15.926000',2,'caseworker@fixture.example','case.stage_changed','case','SP-HSTB-T99R','{"from":"consultation","reason":null,"to":"transit"}',X'48E2B0235F3D5F26CE798F127861D3613584531B0E714E81A73EA75DC4E1D6D5',X'181B2467F2FFA57226219EF0DE831955306A425C55D06D759B2C0F14A987EFA4');
INSERT INTO "audit_auditentry" VALUES(31,'2026-12-05 01:11:15.928000',2,'caseworker@fixture.example','case.stage_changed','case','SP-HSTB-T99R','{"from":"transit","reason":null,"to":"vetting"}',X'8B2D18965D958857FBFCA8CE8F2EC61F48C947F574EBA26A789FDC614D811127',X'ED3B4C1C363B2AF3DEF316E3E3E266071EF887C7971A4CCB1D76E9D2611530B8');
INSERT INTO "audit_auditentry" VALUES(32,'2026-12-05 01:11:15.930000',2,'caseworker@fixture.example','case.protectiontrack_added','case','SP-HSTB-T99R','{"fields":["appeal_deadline","decision","decision_on","destination","filed_on","route"],"row":1}',X'9F49B9BFF0C9BF189529CA91A3D75EA827A58C6EC3DA12BE6905BCD7F5E10953',X'C6803320DE973940D7444BB56BDE17C8C7DF2840C8F4B2D3B66BD9C91C85197F');
INSERT INTO "audit_auditentry" VALUES(33,'2026-12-05 01:11:15.953000',2,'caseworker@fixture.example','case.assigned','case','SP-HSTB-T99R','{"new":true,"role":"legal","staff":5}',X'1CE55BA207369B77EE8D277F253772703087747ECFF5A35B0CC96E070CBC54C4',X'C39B954CE7769AD5FFC000459E2E1AD552528D613BF39B192D2B0CB185C27B2E');
INSERT INTO "audit_auditentry" VALUES(34,'2026-12-05 01:11:15.980000',2,'caseworker@fixture.example','case.created','case','SP-2F4P-1F6V','{"stage":"first_contact"}',X'784E8E648EE0D9E3DCA51D713B95364A67C5B4E85665BAEBF364813085CE2636',X'75CDCA3ABEE828922F6870278D597B3C0BCAFFC7CC8C046799DA1E3D10887DE0');
INSERT INTO "audit_auditentry" VALUES(35,'2026-12-05 01:11:15.988000',2,'caseworker@fixture.example','case.stage_changed','case','SP-2F4P-1F6V','{"from":"first_contact","reason":null,"to":"consultation"}',X'4633663CD079514824B8C52120AAAF97A887E323196401D5E66175FEE97EA519',X'CE68DCFF6B7CDBB6EA4AD246FF73F429473344EF5CE515B9FA28A540EE3FD4DA');
INSERT INTO "audit_auditentry" VALUES(36,'2026-12-05 01:11:15.990000',2,'caseworker@fixture.example','case.stage_changed','case','SP-2F4P-1F6V','{"from":"consultation","reason":"safe","to":"closed"}',X'289A7DDDA17326D535A0E243283DE256D7A4621598CB5CDBEE51B1FBF70D0A92',X'E907A63475B17D6119242E30B202E1726A1A11439D5E7F4ECF7041F009AB25A3');
INSERT INTO "audit_auditentry" VALUES(37,'2026-12-05 01:11:16.037000',2,'caseworker@fixture.example','case.created','case','SP-8N4E-4ZC1','{"stage":"first_contact"}',X'E7EE1A479A75AC0A64EB8B14B7CD8147BD654CC82BAEF5BA06D95B51FF0B2245',X'9BD07119BCF8F8C6BDD2E1EA21BE792ACC9F0E927FA4D52F770E6ED29403DA31');
INSERT INTO "audit_auditentry" VALUES(38,'2026-12-05 01:11:16.044000',2,'caseworker@fixture.example','case.person_changed','case','SP-8N4E-4ZC1','{"fields":["latin_spellings"],"row":9}',X'E5C0E7600B80A23EE3A965346C5CDD6ECBFDA2E68974201B0B7A55BE93975DDB',X'34FCA1D3CD54CA226F96B071B155FE1B193664D71068C2667BF1A3E3E0D02EE6');
INSERT INTO "audit_auditentry" VALUES(39,'2026-12-05 01:11:16.061000',2,'caseworker@fixture.example','case.assigned','case','SP-8N4E-4ZC1','{"new":true,"role":"vetter","staff":3}',X'1871D6B95353BB0D6E63F4CA1E02FF94B3EEA30FA4CDB4299F07983416FC552C',X'7D582B0DF573069CF110F916C76DC793AE081992140479973F7639DBFC455EF3');
INSERT INTO "audit_auditentry" VALUES(40,'2026-12-05 01:11:16.076000',2,'caseworker@fixture.example','case.assigned','case','SP-8N4E-4ZC1','{"new":true,"role":"vetter","staff":4}',X'AF8DA54FA6B7645808E1A1B7105DE8D14B19B29C64285F78D72820BC6BFC27C7',X'A595FB508A36DB890CCAC6FAB67864D2AE779DEFD0E2E0A221DF2501A5CD9A29');
INSERT INTO "audit_auditentry" VALUES(41,'2026-12-05 01:11:16.094000',3,'vetter1@fixture.example','case.vetting_viewed','case','SP-8N4E-4ZC1','{}',X'A63024AEE01AC520AB5AD41CADD9571BAE807D8DE550779D8C9EF2D9600036F4',X'A65902DBCEE537F8BF997C614122E9935098D8AB8E72D6D28FE4CFA49A8EB237');
INSERT INTO "audit_auditentry" VALUES(42,'2026-12-05 01:11:16.123000',3,'vetter1@fixture.example','vetting.started','case','SP-8N4E-4ZC1','{}',X'92B67A557C2FE78330609A053506CBAE8E1961C6EB60B5B580DA117D60D8F849',X'ED1F1197F6E15005B8DE0B7B3FEDDB5D15CB79C84792BB98FEDD77BC74CF9219');
INSERT INTO "audit_auditentry" VALUES(43,'2026-12-05 01:11:16.138000',4,'vetter2@fixture.example','case.vetting_viewed','case','SP-8N4E-4ZC1','{}',X'808612D436F2F1F27DB1EB16B22D0BF45B9FCA416D1999542D7135DEAFA5BBE2',X'197631FA684DF917A23C8677EC35ADE283A7B0CF8C2236E9B5476A102217021D');
INSERT INTO "audit_auditentry" VALUES(44,'2026-12-05 01:11:16.148000',3,'vetter1@fixture.example','vetting.interview_added','case','SP-8N4E-4ZC1','{"interview":1}',X'458DBBDF1D8DA34AF951EFEDC5FC62F66CECF1B5FA85311B91F013F721A8A23F',X'B1AFB64B187362FDA6C51406F4F37311E6505E830319A7B1441D37E1C254E54E');
INSERT INTO "audit_auditentry" VALUES(45,'2026-12-05 01:11:16.156000',3,'vetter1@fixture.example','vetting.interests_declared','case','SP-8N4E-4ZC1','{"conflict":false}',X'32F71DE6092CC9DBDCAEFB52DC40744887A17262D0E7E70FEBCCA5E2FBEB6468',X'C21D25E2A1D0823520B30A5B45E85657963B86427EBDA577A8407D16B006F342');
INSERT INTO "audit_auditentry" VALUES(46,'2026-12-05 01:11:16.163000',4,'vetter2@fixture.example','vetting.interview_added','case','SP-8N4E-4ZC1','{"interview":2}',X'BDFF1D1BDACE6AB7F99963D7E939879A71EC3C81D5E172EF861FCD93578C39B8',X'10C319E7960F95B590ABBB6F60257091F19F5CDE7C189BE2050425D815FC5737');
INSERT INTO "audit_auditentry" VALUES(47,'2026-12-05 01:11:16.165000',4,'vetter2@fixture.example','vetting.interests_declared','case','SP-8N4E-4ZC1','{"conflict":false}',X'51087857802BA97D47562D8F10999207A4DF3D1A758270BCB7A3CB90B0F6222D',X'78474B0DA053B99D2C4B4489B3AD316F2C37D82D70F36218073829E14E6D3BCA');
INSERT INTO "audit_auditentry" VALUES(48,'2026-12-05 01:11:16.168000',3,'vetter1@fixture.example','vetting.checklist_answered','case','SP-8N4E-4ZC1','{"item":"unit_presence"}',X'E77EFFE7BA6F76C30FD3AD63CE8FEC4FE4AD54A2DC07FE2AB9A48C5B9F78AEA4',X'71978946C4E6262D8C8EAA023C7522F600A9B53E58103C217316A40D626930F1');
INSERT INTO "audit_auditentry" VALUES(49,'2026-12-05 01:11:16.170000',3,'vetter1@fixture.example','vetting.checklist_answered','case','SP-8N4E-4ZC1','{"item":"role_rank"}',X'1C9D6367F31FF8A45D23063648EC1A3A7D23DB25B4CF5A58F9C29AC0CDBB610A',X'FD7CB8DA7739C1F7CB11B138C8C24A04463FF52B2C76D4739DCDFFFB3CEE538E');
INSERT INTO "audit_auditentry" VALUES(50,'2026-12-05 01:11:18.828000',3,'vetter1@fixture.example','case.vetting_edited','case','SP-8N4E-4ZC1','{}',X'3C976DA0EAF57520ACB0D105CE842498F34EA80F4B7C0206DF91751CD69B1C15',X'E85043E27A6DF6870C62ABEDC6AEC90C94039E73531F712F20798972644E4778');
INSERT INTO "audit_auditentry" VALUES(51,'2026-12-05 01:11:18.895000',3,'vetter1@fixture.example','vetting.evidence_added','case','SP-8N4E-4ZC1','{"evidence":1,"file":true,"kind":"document_copy"}',X'B4DA5CE740088C461B728490B7289C9F5FD98BE6BB9000645D1C8157F74B3C13',X'FF054CF241DCF10A7EFD674F23A07CD213375A4DE856F6C14B910ECE846B255B');
INSERT INTO "audit_auditentry" VALUES(52,'2026-12-05 01:11:18.938000',3,'vetter1@fixture.example','case.vetting_viewed','case','SP-8N4E-4ZC1','{}',X'EE19AF6E794662B97D74F8C4EA2726749B5C3721A1DE4887DA74581CEA9329A0',X'F0A9497439DB2D0427EA6A3BC15A55409CD381A87A8AC2475090BD774261BA58');
INSERT INTO "audit_auditentry" VALUES(53,'2026-12-05 01:11:18.966000',4,'vetter2@fixture.example','case.vetting_viewed','case','SP-8N4E-4ZC1','{}',X'34CB5DEFF92AD3755601B0A333D927D5A2807AA24FCC7526A1E19DB25585E04B',X'3C7A8410D5BF5038A089E9453343D43798E12E7CB3B9B1AE9B13C0AFD836AF35');
INSERT INTO "audit_auditentry" VALUES(54,'2026-12-05 01:11:18.999000',3,'vetter1@fixture.example','vetting.concluded','case','SP-8N4E-4ZC1','{"round":1}',X'8B765BC66B1D808143F18559C65423BBD394C6FE7AE2AB1A87F9549AA822709A',X'C7C04299CA7E6FFD4BE093E44A342285E588045AF868E4FFD2E299887D6043A1');
INSERT INTO "audit_auditentry" VALUES(55,'2026-12-05 01:11:19.010000',4,'vetter2@fixture.example','vetting.concluded','case','SP-8N4E-4ZC1','{"round":1}',X'E58FAACE53A17B9EA1ADE278FE8156BC6F20AAFD48C3D7DD294E79563C64ED5F',X'E104F275FF27681D56B647989D773D45321CB1F80AB3D81B4F9ADCFE331EE20D');
INSERT INTO "audit_auditentry" VALUES(56,'2026-12-05 01:11:19.054000',3,'vetter1@fixture.example','case.vetting_viewed','case','SP-8N4E-4ZC1','{}',X'CCF3F6C65E0F3A29442E7782B0C3F932F5694D6D5709D31BAABC512D77720EFD',X'FD8C7925B1C82CE1EDCCA8C956C914D518E4639146B5A55D818142E6674FED6D');
INSERT INTO "audit_auditentry" VALUES(57,'2026-12-05 01:11:19.103000',3,'vetter1@fixture.example','vetting.decided','case','SP-8N4E-4ZC1','{"assessors":2,"outcome":"no_indication","round":1}',X'74F23BA6622E00ABE343A3831E55E330A70FAC19F986C33D8E399A3CD5E1C9A2',X'FD21D11D1BDF1F990133516D8087DC433BB8D9BB29CEDFE62BA9EEBC3AD22D66');
INSERT INTO "audit_auditentry" VALUES(58,'2026-12-05 01:11:19.148000',NULL,'system','vetting.pdf_certificate_created','organisation','1','{"fingerprint":"70e78f309171f3397e539a661443dca27931a47e6a0a6ff9031e01d555989825"}',X'072C6AA9EC644355569AF74E08C8A2376C6985B0CE61ED826B82B624CD79F4CF',X'0D56A0CDFCAAE6938DE3B85CDCBDAD1E4749C04EBFF0145F69C85113BD891974');
INSERT INTO "audit_auditentry" VALUES(59,'2026-12-05 01:11:19.762000',1,'coordinator@fixture.example','vetting.attestation_issued','attestation','ba656fb0-9ec6-4c72-a38d-14b75ec0c7d5','{"case":"SP-8N4E-4ZC1","conclusion":"no_indication","key_id":"a70d5e3670c5c751","valid_until":"2036-12-02","with_name":false}',X'82E0554D1AAA1C008E6B902E575B6BECA10F1020476890910B967572262FD02B',X'862080F9F1D26392AF57F5B488854267D153DC2B11FFBBECC01370B636EF2634');
INSERT INTO "audit_auditentry" VALUES(60,'2026-12-05 01:11:19.972000',2,'caseworker@fixture.example','intake.opened_to_reply','intake','1','{"messages":1}',X'2536ABD4490B57DF71F6F4A26462C04DE99A9998BE8016EBB0B9074F8CE6B452',X'F0559AA995ABD4BEC3E771B409A078A274C5597DD0273D3DE8D8D3DD5C87BF73');
INSERT INTO "audit_auditentry" VALUES(61,'2026-12-05 01:11:20.016000',2,'caseworker@fixture.example','intake.replied','intake','1','{"message":2}',X'2013614D7E0F965AC46225F3FDADF7135CAD6E7C8BC00F5E4E5E31F5B80DA34B',X'269063DB5E71BA7D78080AF5668C5CC9D13BAA34C82E3279072C5083B29907F7');
CREATE TABLE "audit_audithead" ("id" smallint unsigned NOT NULL PRIMARY KEY CHECK ("id" >= 0), "size" bigint NOT NULL, "frontier" BLOB NOT NULL);
INSERT INTO "audit_audithead" VALUES(1,61,X'C6803320DE973940D7444BB56BDE17C8C7DF2840C8F4B2D3B66BD9C91C85197FC22040BE08DDF3B773371621F4C1DE8AE6F5F33FE9D46A97EA5323D4881F29695A138E5FCBD083E85BCFE1E5A1B9210F67E2C6E6DE040E904BD1EF346B4BCD1E83B455E8FB1E8FAC2619BDEB2F8AC8E2F52B975EA1E25932E980BDAC7A2186862013614D7E0F965AC46225F3FDADF7135CAD6E7C8BC00F5E4E5E31F5B80DA34B');
CREATE TABLE "auth_group" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(150) NOT NULL UNIQUE);
CREATE TABLE "auth_group_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "auth_permission" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "codename" varchar(100) NOT NULL, "name" varchar(255) NOT NULL);
INSERT INTO "auth_permission" VALUES(1,1,'add_permission','Can add permission');
INSERT INTO "auth_permission" VALUES(2,1,'change_permission','Can change permission');
INSERT INTO "auth_permission" VALUES(3,1,'delete_permission','Can delete permission');
INSERT INTO "auth_permission" VALUES(4,1,'view_permission','Can view permission');
INSERT INTO "auth_permission" VALUES(5,2,'add_group','Can add group');
INSERT INTO "auth_permission" VALUES(6,2,'change_group','Can change group');
INSERT INTO "auth_permission" VALUES(7,2,'delete_group','Can delete group');
INSERT INTO "auth_permission" VALUES(8,2,'view_group','Can view group');
INSERT INTO "auth_permission" VALUES(9,3,'add_contenttype','Can add content type');
INSERT INTO "auth_permission" VALUES(10,3,'change_contenttype','Can change content type');
INSERT INTO "auth_permission" VALUES(11,3,'delete_contenttype','Can delete content type');
INSERT INTO "auth_permission" VALUES(12,3,'view_contenttype','Can view content type');
INSERT INTO "auth_permission" VALUES(13,4,'add_totpdevice','Can add TOTP device');
INSERT INTO "auth_permission" VALUES(14,4,'change_totpdevice','Can change TOTP device');
INSERT INTO "auth_permission" VALUES(15,4,'delete_totpdevice','Can delete TOTP device');
INSERT INTO "auth_permission" VALUES(16,4,'view_totpdevice','Can view TOTP device');
INSERT INTO "auth_permission" VALUES(17,5,'add_organisationkeyring','Can add organisation keyring');
INSERT INTO "auth_permission" VALUES(18,5,'change_organisationkeyring','Can change organisation keyring');
INSERT INTO "auth_permission" VALUES(19,5,'delete_organisationkeyring','Can delete organisation keyring');
INSERT INTO "auth_permission" VALUES(20,5,'view_organisationkeyring','Can view organisation keyring');
INSERT INTO "auth_permission" VALUES(21,6,'add_intakekeygrant','Can add intake key grant');
INSERT INTO "auth_permission" VALUES(22,6,'change_intakekeygrant','Can change intake key grant');
INSERT INTO "auth_permission" VALUES(23,6,'delete_intakekeygrant','Can delete intake key grant');
INSERT INTO "auth_permission" VALUES(24,6,'view_intakekeygrant','Can view intake key grant');
INSERT INTO "auth_permission" VALUES(25,7,'add_keyring','Can add key ring');
INSERT INTO "auth_permission" VALUES(26,7,'change_keyring','Can change key ring');
INSERT INTO "auth_permission" VALUES(27,7,'delete_keyring','Can delete key ring');
INSERT INTO "auth_permission" VALUES(28,7,'view_keyring','Can view key ring');
INSERT INTO "auth_permission" VALUES(29,8,'add_encryptedfile','Can add encrypted file');
INSERT INTO "auth_permission" VALUES(30,8,'change_encryptedfile','Can change encrypted file');
INSERT INTO "auth_permission" VALUES(31,8,'delete_encryptedfile','Can delete encrypted file');
INSERT INTO "auth_permission" VALUES(32,8,'view_encryptedfile','Can view encrypted file');
INSERT INTO "auth_permission" VALUES(33,9,'add_staffkey','Can add staff key');
INSERT INTO "auth_permission" VALUES(34,9,'change_staffkey','Can change staff key');
INSERT INTO "auth_permission" VALUES(35,9,'delete_staffkey','Can delete staff key');
INSERT INTO "auth_permission" VALUES(36,9,'view_staffkey','Can view staff key');
INSERT INTO "auth_permission" VALUES(37,10,'add_keywrapper','Can add key wrapper');
INSERT INTO "auth_permission" VALUES(38,10,'change_keywrapper','Can change key wrapper');
INSERT INTO "auth_permission" VALUES(39,10,'delete_keywrapper','Can delete key wrapper');
INSERT INTO "auth_permission" VALUES(40,10,'view_keywrapper','Can view key wrapper');
INSERT INTO "auth_permission" VALUES(41,11,'add_auditcheckpoint','Can add audit checkpoint');
INSERT INTO "auth_permission" VALUES(42,11,'change_auditcheckpoint','Can change audit checkpoint');
INSERT INTO "auth_permission" VALUES(43,11,'delete_auditcheckpoint','Can delete audit checkpoint');
INSERT INTO "auth_permission" VALUES(44,11,'view_auditcheckpoint','Can view audit checkpoint');
INSERT INTO "auth_permission" VALUES(45,12,'add_audithead','Can add audit head');
INSERT INTO "auth_permission" VALUES(46,12,'change_audithead','Can change audit head');
INSERT INTO "auth_permission" VALUES(47,12,'delete_audithead','Can delete audit head');
INSERT INTO "auth_permission" VALUES(48,12,'view_audithead','Can view audit head');
INSERT INTO "auth_permission" VALUES(49,13,'add_auditentry','Can add audit entry');
INSERT INTO "auth_permission" VALUES(50,13,'change_auditentry','Can change audit entry');
INSERT INTO "auth_permission" VALUES(51,13,'delete_auditentry','Can delete audit entry');
INSERT INTO "auth_permission" VALUES(52,13,'view_auditentry','Can view audit entry');
INSERT INTO "auth_permission" VALUES(53,14,'add_organisation','Can add organisation');
INSERT INTO "auth_permission" VALUES(54,14,'change_organisation','Can change organisation');
INSERT INTO "auth_permission" VALUES(55,14,'delete_organisation','Can delete organisation');
INSERT INTO "auth_permission" VALUES(56,14,'view_organisation','Can view organisation');
INSERT INTO "auth_permission" VALUES(57,15,'add_staff','Can add staff member');
INSERT INTO "auth_permission" VALUES(58,15,'change_staff','Can change staff member');
INSERT INTO "auth_permission" VALUES(59,15,'delete_staff','Can delete staff member');
INSERT INTO "auth_permission" VALUES(60,15,'view_staff','Can view staff member');
INSERT INTO "auth_permission" VALUES(61,16,'add_passkey','Can add passkey');
INSERT INTO "auth_permission" VALUES(62,16,'change_passkey','Can change passkey');
INSERT INTO "auth_permission" VALUES(63,16,'delete_passkey','Can delete passkey');
INSERT INTO "auth_permission" VALUES(64,16,'view_passkey','Can view passkey');
INSERT INTO "auth_permission" VALUES(65,17,'add_recoverycodes','Can add recovery codes');
INSERT INTO "auth_permission" VALUES(66,17,'change_recoverycodes','Can change recovery codes');
INSERT INTO "auth_permission" VALUES(67,17,'delete_recoverycodes','Can delete recovery codes');
INSERT INTO "auth_permission" VALUES(68,17,'view_recoverycodes','Can view recovery codes');
INSERT INTO "auth_permission" VALUES(69,18,'add_staffsession','Can add session');
INSERT INTO "auth_permission" VALUES(70,18,'change_staffsession','Can change session');
INSERT INTO "auth_permission" VALUES(71,18,'delete_staffsession','Can delete session');
INSERT INTO "auth_permission" VALUES(72,18,'view_staffsession','Can view session');
INSERT INTO "auth_permission" VALUES(73,19,'add_team','Can add team');
INSERT INTO "auth_permission" VALUES(74,19,'change_team','Can change team');
INSERT INTO "auth_permission" VALUES(75,19,'delete_team','Can delete team');
INSERT INTO "auth_permission" VALUES(76,19,'view_team','Can view team');
INSERT INTO "auth_permission" VALUES(77,20,'add_invitation','Can add invitation');
INSERT INTO "auth_permission" VALUES(78,20,'change_invitation','Can change invitation');
INSERT INTO "auth_permission" VALUES(79,20,'delete_invitation','Can delete invitation');
INSERT INTO "auth_permission" VALUES(80,20,'view_invitation','Can view invitation');
INSERT INTO "auth_permission" VALUES(81,21,'add_alertleadtime','Can add alert lead time');
INSERT INTO "auth_permission" VALUES(82,21,'change_alertleadtime','Can change alert lead time');
INSERT INTO "auth_permission" VALUES(83,21,'delete_alertleadtime','Can delete alert lead time');
INSERT INTO "auth_permission" VALUES(84,21,'view_alertleadtime','Can view alert lead time');
INSERT INTO "auth_permission" VALUES(85,22,'add_article','Can add article');
INSERT INTO "auth_permission" VALUES(86,22,'change_article','Can change article');
INSERT INTO "auth_permission" VALUES(87,22,'delete_article','Can delete article');
INSERT INTO "auth_permission" VALUES(88,22,'view_article','Can view article');
INSERT INTO "auth_permission" VALUES(89,23,'add_country','Can add country');
INSERT INTO "auth_permission" VALUES(90,23,'change_country','Can change country');
INSERT INTO "auth_permission" VALUES(91,23,'delete_country','Can delete country');
INSERT INTO "auth_permission" VALUES(92,23,'view_country','Can view country');
INSERT INTO "auth_permission" VALUES(93,24,'add_case','Can add case');
INSERT INTO "auth_permission" VALUES(94,24,'change_case','Can change case');
INSERT INTO "auth_permission" VALUES(95,24,'delete_case','Can delete case');
INSERT INTO "auth_permission" VALUES(96,24,'view_case','Can view case');
INSERT INTO "auth_permission" VALUES(97,25,'add_checkin','Can add check in');
INSERT INTO "auth_permission" VALUES(98,25,'change_checkin','Can change check in');
INSERT INTO "auth_permission" VALUES(99,25,'delete_checkin','Can delete check in');
INSERT INTO "auth_permission" VALUES(100,25,'view_checkin','Can view check in');
INSERT INTO "auth_permission" VALUES(101,26,'add_criminalcase','Can add criminal case');
INSERT INTO "auth_permission" VALUES(102,26,'change_criminalcase','Can change criminal case');
INSERT INTO "auth_permission" VALUES(103,26,'delete_criminalcase','Can delete criminal case');
INSERT INTO "auth_permission" VALUES(104,26,'view_criminalcase','Can view criminal case');
INSERT INTO "auth_permission" VALUES(105,27,'add_importdraft','Can add import draft');
INSERT INTO "auth_permission" VALUES(106,27,'change_importdraft','Can change import draft');
INSERT INTO "auth_permission" VALUES(107,27,'delete_importdraft','Can delete import draft');
INSERT INTO "auth_permission" VALUES(108,27,'view_importdraft','Can view import draft');
INSERT INTO "auth_permission" VALUES(109,28,'add_note','Can add note');
INSERT INTO "auth_permission" VALUES(110,28,'change_note','Can change note');
INSERT INTO "auth_permission" VALUES(111,28,'delete_note','Can delete note');
INSERT INTO "auth_permission" VALUES(112,28,'view_note','Can view note');
INSERT INTO "auth_permission" VALUES(113,29,'add_notification','Can add notification');
INSERT INTO "auth_permission" VALUES(114,29,'change_notification','Can change notification');
INSERT INTO "auth_permission" VALUES(115,29,'delete_notification','Can delete notification');
INSERT INTO "auth_permission" VALUES(116,29,'view_notification','Can view notification');
INSERT INTO "auth_permission" VALUES(117,30,'add_person','Can add person');
INSERT INTO "auth_permission" VALUES(118,30,'change_person','Can change person');
INSERT INTO "auth_permission" VALUES(119,30,'delete_person','Can delete person');
INSERT INTO "auth_permission" VALUES(120,30,'view_person','Can view person');
INSERT INTO "auth_permission" VALUES(121,31,'add_documentheld','Can add document held');
INSERT INTO "auth_permission" VALUES(122,31,'change_documentheld','Can change document held');
INSERT INTO "auth_permission" VALUES(123,31,'delete_documentheld','Can delete document held');
INSERT INTO "auth_permission" VALUES(124,31,'view_documentheld','Can view document held');
INSERT INTO "auth_permission" VALUES(125,32,'add_pressureevent','Can add pressure event');
INSERT INTO "auth_permission" VALUES(126,32,'change_pressureevent','Can change pressure event');
INSERT INTO "auth_permission" VALUES(127,32,'delete_pressureevent','Can delete pressure event');
INSERT INTO "auth_permission" VALUES(128,32,'view_pressureevent','Can view pressure event');
INSERT INTO "auth_permission" VALUES(129,33,'add_protectiontrack','Can add protection track');
INSERT INTO "auth_permission" VALUES(130,33,'change_protectiontrack','Can change protection track');
INSERT INTO "auth_permission" VALUES(131,33,'delete_protectiontrack','Can delete protection track');
INSERT INTO "auth_permission" VALUES(132,33,'view_protectiontrack','Can view protection track');
INSERT INTO "auth_permission" VALUES(133,34,'add_serviceperiod','Can add service period');
INSERT INTO "auth_permission" VALUES(134,34,'change_serviceperiod','Can change service period');
INSERT INTO "auth_permission" VALUES(135,34,'delete_serviceperiod','Can delete service period');
INSERT INTO "auth_permission" VALUES(136,34,'view_serviceperiod','Can view service period');
INSERT INTO "auth_permission" VALUES(137,35,'add_stagechange','Can add stage change');
INSERT INTO "auth_permission" VALUES(138,35,'change_stagechange','Can change stage change');
INSERT INTO "auth_permission" VALUES(139,35,'delete_stagechange','Can delete stage change');
INSERT INTO "auth_permission" VALUES(140,35,'view_stagechange','Can view stage change');
INSERT INTO "auth_permission" VALUES(141,36,'add_stay','Can add stay');
INSERT INTO "auth_permission" VALUES(142,36,'change_stay','Can change stay');
INSERT INTO "auth_permission" VALUES(143,36,'delete_stay','Can delete stay');
INSERT INTO "auth_permission" VALUES(144,36,'view_stay','Can view stay');
INSERT INTO "auth_permission" VALUES(145,37,'add_stayrule','Can add stay rule');
INSERT INTO "auth_permission" VALUES(146,37,'change_stayrule','Can change stay rule');
INSERT INTO "auth_permission" VALUES(147,37,'delete_stayrule','Can delete stay rule');
INSERT INTO "auth_permission" VALUES(148,37,'view_stayrule','Can view stay rule');
INSERT INTO "auth_permission" VALUES(149,38,'add_task','Can add task');
INSERT INTO "auth_permission" VALUES(150,38,'change_task','Can change task');
INSERT INTO "auth_permission" VALUES(151,38,'delete_task','Can delete task');
INSERT INTO "auth_permission" VALUES(152,38,'view_task','Can view task');
INSERT INTO "auth_permission" VALUES(153,39,'add_assignment','Can add assignment');
INSERT INTO "auth_permission" VALUES(154,39,'change_assignment','Can change assignment');
INSERT INTO "auth_permission" VALUES(155,39,'delete_assignment','Can delete assignment');
INSERT INTO "auth_permission" VALUES(156,39,'view_assignment','Can view assignment');
INSERT INTO "auth_permission" VALUES(157,40,'add_alert','Can add alert');
INSERT INTO "auth_permission" VALUES(158,40,'change_alert','Can change alert');
INSERT INTO "auth_permission" VALUES(159,40,'delete_alert','Can delete alert');
INSERT INTO "auth_permission" VALUES(160,40,'view_alert','Can view alert');
INSERT INTO "auth_permission" VALUES(161,41,'add_followupsession','Can add follow up session');
INSERT INTO "auth_permission" VALUES(162,41,'change_followupsession','Can change follow up session');
INSERT INTO "auth_permission" VALUES(163,41,'delete_followupsession','Can delete follow up session');
INSERT INTO "auth_permission" VALUES(164,41,'view_followupsession','Can view follow up session');
INSERT INTO "auth_permission" VALUES(165,42,'add_ratecounter','Can add rate counter');
INSERT INTO "auth_permission" VALUES(166,42,'change_ratecounter','Can change rate counter');
INSERT INTO "auth_permission" VALUES(167,42,'delete_ratecounter','Can delete rate counter');
INSERT INTO "auth_permission" VALUES(168,42,'view_ratecounter','Can view rate counter');
INSERT INTO "auth_permission" VALUES(169,43,'add_conversation','Can add conversation');
INSERT INTO "auth_permission" VALUES(170,43,'change_conversation','Can change conversation');
INSERT INTO "auth_permission" VALUES(171,43,'delete_conversation','Can delete conversation');
INSERT INTO "auth_permission" VALUES(172,43,'view_conversation','Can view conversation');
INSERT INTO "auth_permission" VALUES(173,44,'add_message','Can add message');
INSERT INTO "auth_permission" VALUES(174,44,'change_message','Can change message');
INSERT INTO "auth_permission" VALUES(175,44,'delete_message','Can delete message');
INSERT INTO "auth_permission" VALUES(176,44,'view_message','Can view message');
INSERT INTO "auth_permission" VALUES(177,45,'add_attachment','Can add attachment');
INSERT INTO "auth_permission" VALUES(178,45,'change_attachment','Can change attachment');
INSERT INTO "auth_permission" VALUES(179,45,'delete_attachment','Can delete attachment');
INSERT INTO "auth_permission" VALUES(180,45,'view_attachment','Can view attachment');
INSERT INTO "auth_permission" VALUES(181,46,'add_outreachpage','Can add outreach page');
INSERT INTO "auth_permission" VALUES(182,46,'change_outreachpage','Can change outreach page');
INSERT INTO "auth_permission" VALUES(183,46,'delete_outreachpage','Can delete outreach page');
INSERT INTO "auth_permission" VALUES(184,46,'view_outreachpage','Can view outreach page');
INSERT INTO "auth_permission" VALUES(185,47,'add_incidentlist','Can add incident list');
INSERT INTO "auth_permission" VALUES(186,47,'change_incidentlist','Can change incident list');
INSERT INTO "auth_permission" VALUES(187,47,'delete_incidentlist','Can delete incident list');
INSERT INTO "auth_permission" VALUES(188,47,'view_incidentlist','Can view incident list');
INSERT INTO "auth_permission" VALUES(189,48,'add_casescreening','Can add case screening');
INSERT INTO "auth_permission" VALUES(190,48,'change_casescreening','Can change case screening');
INSERT INTO "auth_permission" VALUES(191,48,'delete_casescreening','Can delete case screening');
INSERT INTO "auth_permission" VALUES(192,48,'view_casescreening','Can view case screening');
INSERT INTO "auth_permission" VALUES(193,49,'add_incidentrecord','Can add incident record');
INSERT INTO "auth_permission" VALUES(194,49,'change_incidentrecord','Can change incident record');
INSERT INTO "auth_permission" VALUES(195,49,'delete_incidentrecord','Can delete incident record');
INSERT INTO "auth_permission" VALUES(196,49,'view_incidentrecord','Can view incident record');
INSERT INTO "auth_permission" VALUES(197,50,'add_screeningresult','Can add screening result');
INSERT INTO "auth_permission" VALUES(198,50,'change_screeningresult','Can change screening result');
INSERT INTO "auth_permission" VALUES(199,50,'delete_screeningresult','Can delete screening result');
INSERT INTO "auth_permission" VALUES(200,50,'view_screeningresult','Can view screening result');
INSERT INTO "auth_permission" VALUES(201,51,'add_watchlist','Can add watch list');
INSERT INTO "auth_permission" VALUES(202,51,'change_watchlist','Can change watch list');
INSERT INTO "auth_permission" VALUES(203,51,'delete_watchlist','Can delete watch list');
INSERT INTO "auth_permission" VALUES(204,51,'view_watchlist','Can view watch list');
INSERT INTO "auth_permission" VALUES(205,52,'add_listimport','Can add list import');
INSERT INTO "auth_permission" VALUES(206,52,'change_listimport','Can change list import');
INSERT INTO "auth_permission" VALUES(207,52,'delete_listimport','Can delete list import');
INSERT INTO "auth_permission" VALUES(208,52,'view_listimport','Can view list import');
INSERT INTO "auth_permission" VALUES(209,53,'add_signingcertificate','Can add signing certificate');
INSERT INTO "auth_permission" VALUES(210,53,'change_signingcertificate','Can change signing certificate');
INSERT INTO "auth_permission" VALUES(211,53,'delete_signingcertificate','Can delete signing certificate');
INSERT INTO "auth_permission" VALUES(212,53,'view_signingcertificate','Can view signing certificate');
INSERT INTO "auth_permission" VALUES(213,54,'add_vetting','Can add vetting');
INSERT INTO "auth_permission" VALUES(214,54,'change_vetting','Can change vetting');
INSERT INTO "auth_permission" VALUES(215,54,'delete_vetting','Can delete vetting');
INSERT INTO "auth_permission" VALUES(216,54,'view_vetting','Can view vetting');
INSERT INTO "auth_permission" VALUES(217,55,'add_interview','Can add interview');
INSERT INTO "auth_permission" VALUES(218,55,'change_interview','Can change interview');
INSERT INTO "auth_permission" VALUES(219,55,'delete_interview','Can delete interview');
INSERT INTO "auth_permission" VALUES(220,55,'view_interview','Can view interview');
INSERT INTO "auth_permission" VALUES(221,56,'add_evidence','Can add evidence');
INSERT INTO "auth_permission" VALUES(222,56,'change_evidence','Can change evidence');
INSERT INTO "auth_permission" VALUES(223,56,'delete_evidence','Can delete evidence');
INSERT INTO "auth_permission" VALUES(224,56,'view_evidence','Can view evidence');
INSERT INTO "auth_permission" VALUES(225,57,'add_claim','Can add claim');
INSERT INTO "auth_permission" VALUES(226,57,'change_claim','Can change claim');
INSERT INTO "auth_permission" VALUES(227,57,'delete_claim','Can delete claim');
INSERT INTO "auth_permission" VALUES(228,57,'view_claim','Can view claim');
INSERT INTO "auth_permission" VALUES(229,58,'add_attestation','Can add attestation');
INSERT INTO "auth_permission" VALUES(230,58,'change_attestation','Can change attestation');
INSERT INTO "auth_permission" VALUES(231,58,'delete_attestation','Can delete attestation');
INSERT INTO "auth_permission" VALUES(232,58,'view_attestation','Can view attestation');
INSERT INTO "auth_permission" VALUES(233,59,'add_conflictdeclaration','Can add conflict declaration');
INSERT INTO "auth_permission" VALUES(234,59,'change_conflictdeclaration','Can change conflict declaration');
INSERT INTO "auth_permission" VALUES(235,59,'delete_conflictdeclaration','Can delete conflict declaration');
INSERT INTO "auth_permission" VALUES(236,59,'view_conflictdeclaration','Can view conflict declaration');
INSERT INTO "auth_permission" VALUES(237,60,'add_conclusion','Can add conclusion');
INSERT INTO "auth_permission" VALUES(238,60,'change_conclusion','Can change conclusion');
INSERT INTO "auth_permission" VALUES(239,60,'delete_conclusion','Can delete conclusion');
INSERT INTO "auth_permission" VALUES(240,60,'view_conclusion','Can view conclusion');
INSERT INTO "auth_permission" VALUES(241,61,'add_checklistanswer','Can add checklist answer');
INSERT INTO "auth_permission" VALUES(242,61,'change_checklistanswer','Can change checklist answer');
INSERT INTO "auth_permission" VALUES(243,61,'delete_checklistanswer','Can delete checklist answer');
INSERT INTO "auth_permission" VALUES(244,61,'view_checklistanswer','Can view checklist answer');
CREATE TABLE "cases_alert" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "kind" varchar(20) NOT NULL, "due_on" date NOT NULL, "computed_at" datetime NOT NULL, "staff_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "alert_unique" UNIQUE ("case_id", "staff_id", "kind", "due_on"));
INSERT INTO "cases_alert" VALUES(7,'stay_expiry','2026-12-16','2026-12-05 01:11:16.009010',2,1);
INSERT INTO "cases_alert" VALUES(8,'stay_expiry','2026-12-16','2026-12-05 01:11:16.009030',1,1);
INSERT INTO "cases_alert" VALUES(9,'appeal_deadline','2026-12-15','2026-12-05 01:11:16.009045',2,5);
INSERT INTO "cases_alert" VALUES(10,'appeal_deadline','2026-12-15','2026-12-05 01:11:16.009058',1,5);
INSERT INTO "cases_alert" VALUES(11,'appeal_deadline','2026-12-15','2026-12-05 01:11:16.009070',5,5);
CREATE TABLE "cases_alertleadtime" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "kind" varchar(20) NOT NULL UNIQUE, "days" text NOT NULL CHECK ((JSON_VALID("days") OR "days" IS NULL)));
INSERT INTO "cases_alertleadtime" VALUES(1,'stay_expiry','[30, 14, 7, 3]');
INSERT INTO "cases_alertleadtime" VALUES(2,'document_expiry','[60, 30, 14]');
INSERT INTO "cases_alertleadtime" VALUES(3,'appeal_deadline','[14, 7, 3, 1]');
INSERT INTO "cases_alertleadtime" VALUES(4,'appointment','[7, 1]');
INSERT INTO "cases_alertleadtime" VALUES(5,'welfare_overdue','[0]');
INSERT INTO "cases_alertleadtime" VALUES(6,'task_due','[3, 0]');
CREATE TABLE "cases_article" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "number" varchar(10) NOT NULL UNIQUE, "title_en" varchar(200) NOT NULL, "title_ru" varchar(200) NOT NULL, "title_fr" varchar(200) NOT NULL, "penalties" text NOT NULL, "source" varchar(300) NOT NULL);
INSERT INTO "cases_article" VALUES(1,'337','Unauthorised abandonment of a unit (AWOL)','Самовольное оставление части или места службы (СОЧ)','Abandon non autorisé de l''unité','2–10 days: up to 5 years; 10 days–1 month: up to 7 years; over 1 month: 5–10 years.','Criminal Code of the Russian Federation after the September 2022 amendments (domain page)');
INSERT INTO "cases_article" VALUES(2,'338','Desertion','Дезертирство','Désertion','Up to 7 years; armed or in a group: up to 10; during mobilisation or armed conflict: 5–15 years.','Criminal Code of the Russian Federation after the September 2022 amendments (domain page)');
INSERT INTO "cases_article" VALUES(3,'332','Refusing an order or to take part in hostilities','Неисполнение приказа, отказ от участия в боевых действиях','Refus d''obéir ou de participer aux hostilités','Up to 3 years; up to 10 with grave consequences.','Criminal Code of the Russian Federation after the September 2022 amendments (domain page)');
INSERT INTO "cases_article" VALUES(4,'352.1','Voluntary surrender','Добровольная сдача в плен','Reddition volontaire','3–10 years.','Criminal Code of the Russian Federation after the September 2022 amendments (domain page)');
INSERT INTO "cases_article" VALUES(5,'328','Evading military or alternative civilian service','Уклонение от прохождения военной и альтернативной гражданской службы','Soustraction au service militaire ou civil','','Criminal Code of the Russian Federation; penalties to be entered by the organisation');
INSERT INTO "cases_article" VALUES(6,'339','Evading military duties by feigning illness or otherwise','Уклонение от исполнения обязанностей военной службы путём симуляции болезни или иными способами','Soustraction aux obligations militaires par simulation','','Criminal Code of the Russian Federation; penalties to be entered by the organisation');
CREATE TABLE "cases_assignment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "role" varchar(12) NOT NULL, "assigned_at" datetime NOT NULL, "assigned_by_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "staff_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "assignment_unique" UNIQUE ("case_id", "staff_id"));
INSERT INTO "cases_assignment" VALUES(1,'caseworker','2026-12-05 01:11:15.433976',2,2,1);
INSERT INTO "cases_assignment" VALUES(2,'coordinator','2026-12-05 01:11:15.438514',2,1,1);
INSERT INTO "cases_assignment" VALUES(3,'caseworker','2026-12-05 01:11:15.629113',2,2,2);
INSERT INTO "cases_assignment" VALUES(4,'coordinator','2026-12-05 01:11:15.629370',2,1,2);
INSERT INTO "cases_assignment" VALUES(5,'caseworker','2026-12-05 01:11:15.683066',2,2,3);
INSERT INTO "cases_assignment" VALUES(6,'coordinator','2026-12-05 01:11:15.683326',2,1,3);
INSERT INTO "cases_assignment" VALUES(7,'vetter','2026-12-05 01:11:15.757108',2,3,3);
INSERT INTO "cases_assignment" VALUES(8,'caseworker','2026-12-05 01:11:15.788980',2,2,4);
INSERT INTO "cases_assignment" VALUES(9,'coordinator','2026-12-05 01:11:15.789244',2,1,4);
INSERT INTO "cases_assignment" VALUES(10,'caseworker','2026-12-05 01:11:15.917033',2,2,5);
INSERT INTO "cases_assignment" VALUES(11,'coordinator','2026-12-05 01:11:15.917298',2,1,5);
INSERT INTO "cases_assignment" VALUES(12,'legal','2026-12-05 01:11:15.951875',2,5,5);
INSERT INTO "cases_assignment" VALUES(13,'caseworker','2026-12-05 01:11:15.978357',2,2,6);
INSERT INTO "cases_assignment" VALUES(14,'coordinator','2026-12-05 01:11:15.978885',2,1,6);
INSERT INTO "cases_assignment" VALUES(15,'caseworker','2026-12-05 01:11:16.036057',2,2,7);
INSERT INTO "cases_assignment" VALUES(16,'coordinator','2026-12-05 01:11:16.036314',2,1,7);
INSERT INTO "cases_assignment" VALUES(17,'vetter','2026-12-05 01:11:16.059384',2,3,7);
INSERT INTO "cases_assignment" VALUES(18,'vetter','2026-12-05 01:11:16.074862',2,4,7);
CREATE TABLE "cases_case" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "reference" varchar(16) NOT NULL UNIQUE, "stage" varchar(20) NOT NULL, "resume_to" varchar(20) NOT NULL, "closed_reason" varchar(20) NOT NULL, "retention_date" date NOT NULL, "checkin_interval_days" integer unsigned NULL CHECK ("checkin_interval_days" >= 0), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "stage_changed_at" datetime NOT NULL, "contact_channel" BLOB NULL, "contact_handle" BLOB NULL, "consent" BLOB NULL, "summary" BLOB NULL, "left_on" BLOB NULL, "manner_of_leaving" BLOB NULL, "wanted_level" BLOB NULL, "travel_ban" BLOB NULL, "passport_withdrawn" BLOB NULL, "risk_flags" BLOB NULL, "created_by_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "organisation_id" bigint NOT NULL REFERENCES "accounts_organisation" ("id") DEFERRABLE INITIALLY DEFERRED, "team_id" bigint NULL REFERENCES "accounts_team" ("id") DEFERRABLE INITIALLY DEFERRED, "country_id" varchar(2) NULL REFERENCES "cases_country" ("code") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "cases_case" VALUES(1,'c1a9ecfd5bb44a04a34d9325b542b9c2','SP-4CD0-FWKE','transit','','','2031-12-04',NULL,'2026-12-05 01:11:15.412157','2026-12-05 01:11:15.611531','2026-12-05 01:11:15.611426',X'0000000101B213D3646579778552BB04A32D7FD72BD8D2E815AD2ABF436251F40F590585281ECF428318EAF36BA043D72A',NULL,NULL,X'00000001012A1DFC5CA18A34D98F2030E7E30D05EEB285C653699406215B7A5CB6265EDBC289B38A1592E397DFEA862A9500F83A1BF847DA2AEC2AED3F85CA3EB37CD77820801583960C01F7CFC3D6D4062707B6B44D38FDEE354CB3DE87F876BDB508AACCB630C14206CB9573E8796E38F007F93458F2',NULL,NULL,NULL,NULL,NULL,NULL,2,1,NULL,'KZ');
INSERT INTO "cases_case" VALUES(2,'eb1982d49c514176a25e2e9585d81990','SP-NGVY-6Q4D','consultation','','','2031-12-04',NULL,'2026-12-05 01:11:15.613984','2026-12-05 01:11:15.635246','2026-12-05 01:11:15.635177',NULL,NULL,NULL,X'0000000101DB5981FF6420662218589C7C6C62AFA2F8EF2F4A37025CC03E356E692EB0BE038011191DBE558D1E5819446AAB47178C461ACADA37A7EE23B62A2A30B1307B667B7A1E5D0C424EEFDEAAACAD66EAC32EAFB53E76116D',NULL,NULL,NULL,NULL,NULL,NULL,2,1,NULL,'AM');
INSERT INTO "cases_case" VALUES(3,'24c5455659cd49918804dcc0086c02c9','SP-SAZC-BHVB','vetting','','','2031-12-04',NULL,'2026-12-05 01:11:15.660340','2026-12-05 01:11:15.747268','2026-12-05 01:11:15.747200',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,2,1,NULL,'GE');
INSERT INTO "cases_case" VALUES(4,'cbd3e8c198514f9dab09700de06254bc','SP-FWRS-QSZP','consultation','','','2031-12-04',7,'2026-12-05 01:11:15.767000','2026-12-05 01:11:15.883676','2026-12-05 01:11:15.883582',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,2,1,NULL,'KG');
INSERT INTO "cases_case" VALUES(5,'30651e4d9f0e4a0cb655cc7bc52d05bf','SP-HSTB-T99R','vetting','','','2031-12-04',NULL,'2026-12-05 01:11:15.891258','2026-12-05 01:11:15.928061','2026-12-05 01:11:15.928004',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,2,1,NULL,'FR');
INSERT INTO "cases_case" VALUES(6,'daf34430aebb4ce38b53c96fcf44d00a','SP-2F4P-1F6V','closed','','safe','2031-12-04',NULL,'2026-12-05 01:11:15.959057','2026-12-05 01:11:15.989959','2026-12-05 01:11:15.989899',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,2,1,NULL,'DE');
INSERT INTO "cases_case" VALUES(7,'fcba840f38d24cc39c58f9d7598d8ea2','SP-8N4E-4ZC1','first_contact','','','2031-12-04',NULL,'2026-12-05 01:11:16.015645','2026-12-05 01:11:16.036629','2026-12-05 01:11:16.015650',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,2,1,NULL,'KZ');
CREATE TABLE "cases_checkin" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "at" datetime NOT NULL, "note" BLOB NULL, "by_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "cases_country" ("code" varchar(2) NOT NULL PRIMARY KEY, "name_en" varchar(80) NOT NULL, "name_ru" varchar(80) NOT NULL, "name_fr" varchar(80) NOT NULL, "transit" bool NOT NULL);
INSERT INTO "cases_country" VALUES('KZ','Kazakhstan','Казахстан','Kazakhstan',1);
INSERT INTO "cases_country" VALUES('AM','Armenia','Армения','Arménie',1);
INSERT INTO "cases_country" VALUES('KG','Kyrgyzstan','Киргизия','Kirghizistan',1);
INSERT INTO "cases_country" VALUES('GE','Georgia','Грузия','Géorgie',1);
INSERT INTO "cases_country" VALUES('MN','Mongolia','Монголия','Mongolie',1);
INSERT INTO "cases_country" VALUES('TR','Turkey','Турция','Turquie',1);
INSERT INTO "cases_country" VALUES('BY','Belarus','Беларусь','Biélorussie',1);
INSERT INTO "cases_country" VALUES('UZ','Uzbekistan','Узбекистан','Ouzbékistan',1);
INSERT INTO "cases_country" VALUES('AZ','Azerbaijan','Азербайджан','Azerbaïdjan',1);
INSERT INTO "cases_country" VALUES('RS','Serbia','Сербия','Serbie',1);
INSERT INTO "cases_country" VALUES('AE','United Arab Emirates','ОАЭ','Émirats arabes unis',1);
INSERT INTO "cases_country" VALUES('RU','Russia','Россия','Russie',0);
INSERT INTO "cases_country" VALUES('UA','Ukraine','Украина','Ukraine',0);
INSERT INTO "cases_country" VALUES('FR','France','Франция','France',0);
INSERT INTO "cases_country" VALUES('DE','Germany','Германия','Allemagne',0);
INSERT INTO "cases_country" VALUES('ES','Spain','Испания','Espagne',0);
INSERT INTO "cases_country" VALUES('IT','Italy','Италия','Italie',0);
INSERT INTO "cases_country" VALUES('NL','Netherlands','Нидерланды','Pays-Bas',0);
INSERT INTO "cases_country" VALUES('BE','Belgium','Бельгия','Belgique',0);
INSERT INTO "cases_country" VALUES('PT','Portugal','Португалия','Portugal',0);
INSERT INTO "cases_country" VALUES('CZ','Czechia','Чехия','Tchéquie',0);
INSERT INTO "cases_country" VALUES('PL','Poland','Польша','Pologne',0);
INSERT INTO "cases_country" VALUES('LT','Lithuania','Литва','Lituanie',0);
INSERT INTO "cases_country" VALUES('LV','Latvia','Латвия','Lettonie',0);
INSERT INTO "cases_country" VALUES('EE','Estonia','Эстония','Estonie',0);
INSERT INTO "cases_country" VALUES('FI','Finland','Финляндия','Finlande',0);
INSERT INTO "cases_country" VALUES('SE','Sweden','Швеция','Suède',0);
INSERT INTO "cases_country" VALUES('NO','Norway','Норвегия','Norvège',0);
INSERT INTO "cases_country" VALUES('DK','Denmark','Дания','Danemark',0);
INSERT INTO "cases_country" VALUES('IE','Ireland','Ирландия','Irlande',0);
INSERT INTO "cases_country" VALUES('AT','Austria','Австрия','Autriche',0);
INSERT INTO "cases_country" VALUES('CH','Switzerland','Швейцария','Suisse',0);
INSERT INTO "cases_country" VALUES('GB','United Kingdom','Великобритания','Royaume-Uni',0);
INSERT INTO "cases_country" VALUES('US','United States','США','États-Unis',0);
INSERT INTO "cases_country" VALUES('CA','Canada','Канада','Canada',0);
INSERT INTO "cases_country" VALUES('IL','Israel','Израиль','Israël',0);
CREATE TABLE "cases_criminalcase" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "article" BLOB NULL, "part" BLOB NULL, "status" BLOB NULL, "opened_on" BLOB NULL, "source" BLOB NULL, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "cases_criminalcase" VALUES(1,'8cc14acdb3db462eb6b148320405eee3',X'0000000101189615E25F8AC2AD234C1DF277BF623FE72FEF17657977E448AD20FE42ED72355FFE916AE51FFB0D8DD487',X'000000010143B1344A05887249C43F4F8242EADFF3D3068068D2E71C1026B68D44B91D28348C217B9741D6DFA3C7',X'00000001015527C66809A9A691C3ECC8D954901225EFB14E48E6FF7C31E7FBC690CC261B90BC1933FFE0D9699399B6B7926C23',X'0000000101C5B825EA4CC3153F8744AEE3E12D1D7209F89040DCD62D05DAE886B2054E083DD50616DF19342EE16B619CA11896BF49B1D0',X'000000010153AC46DF1ECD1E8B0649EEE58988B96E6F962CBFE4EA532346D32961DFC0497A4359165B246CB6842739AB01F4576368A5332B06BAEB84318687F058D0B75E791D54073264F32A310015B2F9',1);
CREATE TABLE "cases_documentheld" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "doc_type" BLOB NULL, "state" BLOB NULL, "expires_on" BLOB NULL, "note" BLOB NULL, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED, "person_id" bigint NULL REFERENCES "cases_person" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "cases_documentheld" VALUES(1,'9e65ccf1a1924a75a9ed4495d9649f09',X'00000001015231C640541F5A2ABBBA412E021F10156C48A2F8B6B4C2D7BB3C4E121A46BE24EF9521622448CDC35B346E98181FB6DFF7D7E97EE9239DD8D1',X'00000001017075047AA9A0E4CB13A61FF2E7EE877F69C5EA47EA1388EBB3459B2FA9650DA1F91539F73CC601A3A8C74336',NULL,NULL,1,NULL);
CREATE TABLE "cases_importdraft" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "sealed_table" BLOB NOT NULL, "created_at" datetime NOT NULL, "staff_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "cases_note" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "at" datetime NOT NULL, "text" BLOB NULL, "confirmed_warnings" text NOT NULL CHECK ((JSON_VALID("confirmed_warnings") OR "confirmed_warnings" IS NULL)), "by_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "cases_note" VALUES(1,'5f7f1f6ceb2e43aea430c63e505c6157','2026-12-05 01:11:15.642555',X'00000001011EC2F0F66554C49361F107EE501FB480FDE0A545EDC550716CC1D7B102875EBD16DAD71A03BE452CB9BF5F750C6B589AE809461D851D06E3E78EA37DBB6154030A04D45A04F2AF3CEC0D94AB6E18BF3B223F6BD3C9D30444292E712018D5F5473FAC28C7D4BF47D8BE12935CF66AFD9A16CB50E7F568A80683E15961','[]',2,2);
CREATE TABLE "cases_notification" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "cases_needing_attention" integer unsigned NOT NULL CHECK ("cases_needing_attention" >= 0), "created_at" datetime NOT NULL, "read_at" datetime NULL, "staff_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "cases_notification" VALUES(1,2,'2026-12-05 01:11:16.014335',NULL,2);
INSERT INTO "cases_notification" VALUES(2,2,'2026-12-05 01:11:16.014356',NULL,1);
INSERT INTO "cases_notification" VALUES(3,1,'2026-12-05 01:11:16.014367',NULL,5);
CREATE TABLE "cases_person" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "kind" varchar(12) NOT NULL, "position" smallint unsigned NOT NULL CHECK ("position" >= 0), "name_cyrillic" BLOB NULL, "latin_spellings" BLOB NULL, "aliases" BLOB NULL, "birth_date" BLOB NULL, "citizenships" BLOB NULL, "languages" BLOB NULL, "confidential" BLOB NULL, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "cases_person" VALUES(1,'799c97ed275c47e8a75c82099b07d11c','principal',0,X'00000001019168D96F74429A8C8FB1C88F7F0609401C050289CBF564378EF8ABF8B0F5512F18059321B4F604EC7043B8F80D948440B390BF1E5A410BA40B81CA12A8CD366431838AFD94F0402BDF5EF0AD6EA9CBBFDCE1353B8946A31C',X'0000000101588AE27DEDB0E29B015E88EC8DAA35C6C7E59D2263CED5D5980C87C2D6271296E3F6135A35A58F3ECA8B3D62FD38CD2D6D9B3357BF4D7ACA41495E409AAD2869A5E552421A527B658A7EFBE5EEEFB491C1A9E1C551FE11B7914273D45448892C0B',NULL,X'00000001013E5BB40B5B3AA9D79FB6813AE0EA05A39456252A541534467039F0A470143A564665179D7094CD4409573062A5B1C9',X'0000000101B190245A5C88326C6F20B06C7CDC1EEDCD91C91D1CA4364FF4ADDF6CC4227BA689FD5F368C71284D09D949431030',X'000000010111ADA261701F5D303A8980EEC4ED251E1A961A7B6126A8BED740EFE29ADFB697909B3B8DD33CC47C0137BFD75B9C89453E48CEADC16803BB075086DAA1',NULL,1);
INSERT INTO "cases_person" VALUES(2,'0115338b2d3149478e2d8853ae96d51c','principal',0,X'0000000101A1DD7523C3D9C3540B10B58468BA3BA73D352DC40084514A7DF1EA71411D4E089E3BDBACAD5E09C47B8E15AAD794BD5BCB536D7E58D4668F622DE9CC1181E9174E1490ACF0A6E7CEDEF3437217A71502EB179770',NULL,NULL,NULL,NULL,NULL,NULL,2);
INSERT INTO "cases_person" VALUES(3,'bac36d5cef6747cdade0f9afb507ff88','principal',0,X'00000001015D81C9A4D9811A947B4C847CD1A113D0BE53BCE3959FF91B5A9025016D66E45873477B37703D45646A4293F5E0DEEABD492693F30B440139F05DD2FAA9F2493FFC9B52B9C22AE36591F9777FE8938078',NULL,NULL,NULL,NULL,NULL,NULL,3);
INSERT INTO "cases_person" VALUES(4,'bc8ee27c06984d5fbefa325296e3a5ef','principal',0,X'0000000101573FB45F552739B93279AC9EB48987DF872455DD20A9FD71DD7F470CB26C0DEB3C24D7B2684575A0F4ACBD829037C7352AA187B52B8B33A1C9DBEF25195578A485C9DA4B15EFF59412423F3A4D23EE37A651CF2FC677',NULL,NULL,NULL,NULL,NULL,NULL,4);
INSERT INTO "cases_person" VALUES(5,'4b8f7fe862c442bfbd76c3d745cda016','spouse',0,X'00000001016A632EF2A9E928E32D571910ECC86EEA5E91B1B8CBC483F9AA8F550FB0A127E679559E14A2A7589AFF955B9836E2B96D3A907A7EC0F757F5603CE75D35CD8FBE78BC60',NULL,NULL,NULL,NULL,NULL,NULL,4);
INSERT INTO "cases_person" VALUES(6,'35e6aa9a5481492ea42ab1f4edd82202','child',0,X'0000000101B540126CE345504C93516226AFCF609E3F4656DF2C9FC002BA853A0B6B9B56592CBCD7C45A9DD704F16C4881BDB7931F53D786C715675ACD410243538496E564F4',NULL,NULL,NULL,NULL,NULL,NULL,4);
INSERT INTO "cases_person" VALUES(7,'a9858e3bdace4a35a7f01ae2293c3ca8','principal',0,X'000000010130362D9BA4FE5ED5605EB5534B9995A69FCE0A653E0E3B7A8ED13177A7E8EA3A2D3778D9BF9477CF650881EA65847484B6DC8B22C76B9FC2AA17404C0FF6CA340732F42467A72BFB1FD982B505EB5218',NULL,NULL,NULL,NULL,NULL,NULL,5);
INSERT INTO "cases_person" VALUES(8,'1dce4be036454d9f9b009608f4217e4d','principal',0,X'00000001016C5C3DA2D65FA5B5BF9B95BB47973E5C1CBB5C880C1AA187128F9EA6A5B8D5826125A59205E73381375B486A5A78AF9C4961CDE96D5526E0A7B28956574E4E1CB8D364EF72C0D140F8744B2F',NULL,NULL,NULL,NULL,NULL,NULL,6);
INSERT INTO "cases_person" VALUES(9,'b8f49358e5e24929bfd1a9ca5ea89ed2','principal',0,X'00000001016DDCE19E832D6D5136D633C6A6D1F32DA2FE21DC2AFE3641EED5339FBF66E287260B4A55E447027F61D361C33F4B39FE75E053812FCA57CF35FECB50C2A65E1E22BB0B919E0D46B6C793B75031A4AD27748E9E1A',X'00000001016A721AC60CFE1CF9D1F57D835BA204E00FA4CAD090A14DD4947E68FDBD545CBF49AB274870AA1F474E72D5F9545B1261E5D135A6FB29A3CF5CFB796091515688A43AFCC55272E80BF4448C7072CF78FAE9D5EED1B6AAF1139635FA87F58A32617F40472B',NULL,NULL,NULL,NULL,NULL,7);
CREATE TABLE "cases_pressureevent" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "kind" BLOB NULL, "occurred_on" BLOB NULL, "note" BLOB NULL, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "cases_pressureevent" VALUES(1,'9e615e7e223f4441a37b37bad9b68aae',X'0000000101CB0E8054A0FA6B1E023BF1AAF0BA3543ECF099828F7F3C2E693B1B0B23D6571E5EEDEECF5EE28482F100E06E009B1D31842235',X'0000000101FEF56AE14243C2ABEA2B189B209280F8DE518A3E429A3C9FF88335EBB73F4557A2E885000BD0F2B1A54346390BB339D3B29B',X'0000000101500A18AF6789396D0CF85776AD53107994119507DE298724960A507B0C5809B91E37B3BD587BF9C2E73ECFCD4863AE71E087EC9543F2BB5984CEBD9BDBF57A676E690031B1AE37F1AE8244CBC9DA74413775A9C3',1);
CREATE TABLE "cases_protectiontrack" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "destination" BLOB NULL, "route" BLOB NULL, "filed_on" BLOB NULL, "decision" BLOB NULL, "decision_on" BLOB NULL, "appeal_deadline" BLOB NULL, "next_appointment" BLOB NULL, "note" BLOB NULL, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "cases_protectiontrack" VALUES(1,'62c45624828849988c650203228e155f',X'0000000101C293AE12E2E18E1979D64222822F18F2913D0AACCCFDED4DA5CBF51333AEBD1830FC58BDAEC71FFD536D',X'00000001012FDCB5791AECCE7BCBB4A5DD6FE9896DF501A535FF22E8BD7E2B51F1E990FE2BA76B5BD7063324240797FF9CAD3E2510C9C0FC',X'0000000101D45C9194ADD024BAB03F080BAC31791F3BCE16A8172A5417D477A940E82A6ED09C02189CCF15C1E8CE70155064BC09BA5C54',X'00000001016614DEB39FE24D811A65E9F2F205415D69751D3ED02E9B2C48A3404861E129317AFE1D9D3EAB4281DA6FA230FE400E',X'0000000101013746A14216A80EB67A7E3874768088590C240319A21CB9ADA0707715E9ACDCF824C5D0D88EE0FF58F9B5DD9DB72E454A7F',X'0160A8FA7B6D6F08F93DC69B5D27CD7ECC3E32B7BB150F1BE109123194C7DC7BDC203E384520337A1CECA17AE7292A5A7EA848',NULL,NULL,5);
CREATE TABLE "cases_serviceperiod" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "category" BLOB NULL, "unit_name" BLOB NULL, "unit_number" BLOB NULL, "rank" BLOB NULL, "speciality" BLOB NULL, "region" BLOB NULL, "started_on" BLOB NULL, "ended_on" BLOB NULL, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "cases_serviceperiod" VALUES(1,'e8adbe8394dc49fabd30b905569b7d4d',X'00000001013A7C58B44EAF4F5B0AAC8967918191F4AFCDF34A50DA1AD89EC076F1DD2D6011BB78D97A567DB8387202AAA7DDD07E',X'00000001014702E96D81334BCBD11444A16298ECFE1D015E091F590CCB01378E04A06801346EA1DA9A452A1E6BF90D95ACDA4A56C99A06AD6A7E7CC873AAB47E719341F5827F50DB033F8DF2',X'0000000101CF2492ED0CD4C176EC147F6A0AF1D6FCD575219E3A5B5325E07155C32A20A496E79F11C92C10776053E7E59321',X'00000001019223185026ACD0A82446727494B5C1A406CDF50471214AF286612267AF31887095E5ACE14516F89C754017F8217A9EB8E5D4F53716615588EA',X'0000000101F8F4FD7479FD3589A28740F3E44983E4A3FDBEEF6BEA84D10AB1C4B9062709547F7AF79E39079CEB2E9EF5A08D01EEE67E',X'00000001015EB0879BA31386D6418DA88E078AA41D2C4ED777509B146600C2E5401D8319ABDBC841B12A1DCA04F7AC8EBB4DB21C6B1F5B3E02FAF50C',X'00000001016B6038E513DD601473EE84E7F48B32C0C0121F4BC0F1C7357471731E0BBFAE7ADC3B140B582E2A176D1512E6484668096743',X'0000000101DBA63D693E9186BBE2B2670F04447FE7010AB531779A2471E02EE8AE74B7D63DEC6DAC5265B46BB60D2D77F8D6335C4DA0C0',1);
INSERT INTO "cases_serviceperiod" VALUES(2,'8172ca1f5f4a429ea08e8c0dc40a65c4',X'00000001019C1FCCEB11499F871A3F48532F334535F726B242865E9876B7D50B76F6AC377E99823B7FDC508264555EB36AC401C8EB',X'00000001015142C0F2B177E36BFA26B2EC99C249E0B85D756676736C5483AAEFCD3F225C9B0171B1E02D5B2206941F6AE6F073BDB78B4AADB7913843B19A385CF7CAF3DBAC61AA89EC',X'000000010138C8352356471D0188560098D5ECCFB3B38A614DC0DA4B804C220628975A02E8246091B8C1DB3D87FCD6CE6EE9',X'000000010158059E5E2397A3CB00D24D225EF9127330E75D2994C69EC992B81256DFB1914CD6DE0C328B6182F5F843C2BF490F8A51',NULL,X'0000000101AE9029F19509472B7E4340A4C7210F80121E843E1B8C8FFBB640C5965618A5F81D43BBA7733BBC1E7E085D08C8D44597D9025ACD2E34',X'00000001012890F17B71891270680B7F2940FA48B7AEC7A261379F776548848A5D2180FF47815A334B7FDE8094A62A4B7366EE168A2201',X'0000000101C2737F04DE2705D1E68F959693AB6C6449337DD92E03883D5BDFD229B938F1A77BDC1D6C2E35EC532241D11C44CEB7F2021D',3);
CREATE TABLE "cases_stagechange" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "from_stage" varchar(20) NOT NULL, "to_stage" varchar(20) NOT NULL, "reason" varchar(20) NOT NULL, "at" datetime NOT NULL, "why" BLOB NULL, "by_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "cases_stagechange" VALUES(1,'d5364497923244a49dcbbdcb2d16ac16','first_contact','consultation','','2026-12-05 01:11:15.600130',X'00000001011ABFC49D785CF6DAD347DC3138EE379D14D4D6BFEBFF24A816404A7BE1B0870DA29593D74AC7DAD75B905E933D18',2,1);
INSERT INTO "cases_stagechange" VALUES(2,'f7aa58528a274329a4cafa8ba55ef517','consultation','transit','','2026-12-05 01:11:15.611863',X'0000000101C31696E75A988D4E3FE5AC11DC43DCFE770A5B83E642963F55FBCDA7C633346FF1C2FC36E38AF9DC193E01012F6C',2,1);
INSERT INTO "cases_stagechange" VALUES(3,'3fb0a9ffde194064b5b392b1bb8bc90f','first_contact','consultation','','2026-12-05 01:11:15.635588',X'00000001015176961E461EDA215A2F9CB66DA4BEC59ED4F6643235E4447A112895159509127364C25FF084474BF0B77C07511B824B47224C34E4CD63',2,2);
INSERT INTO "cases_stagechange" VALUES(4,'06eb46020b3b42679aaacca868fd097e','first_contact','consultation','','2026-12-05 01:11:15.736522',X'000000010154266E94AF84F88E977D31684E421BF2B3E6C70C6C2F5AD3D06ECE02CB4069EF0AF43A591E1A9BC2ACE7B913E720',2,3);
INSERT INTO "cases_stagechange" VALUES(5,'c2216722545842e39b43a0dc50a2e91f','consultation','transit','','2026-12-05 01:11:15.743198',X'00000001017C91FF231FA4C60BD97FC9C8978498C32D24029530472E905933F13828D0862EB4CF9171E6C4D2090F468DDF3F46',2,3);
INSERT INTO "cases_stagechange" VALUES(6,'1236587bc57b4ff8a0af8f28d8008abf','transit','vetting','','2026-12-05 01:11:15.747606',X'000000010159BDFBCB24B9D495E90E901F7D24C0A3961C6D958EA04563AD0D33E64BEA696E7280E8B2A5DAA920C27B04E16E16',2,3);
INSERT INTO "cases_stagechange" VALUES(7,'595e1434ebb14f27bfcbc61a2e91a417','first_contact','consultation','','2026-12-05 01:11:15.884047',X'0000000101B2D02EBBC78D508E55EAF02819922035D19D55CEA4CF08AB2B609FA5EBADDCFF1FDFC3515721AC658512EF52DCCD',2,4);
INSERT INTO "cases_stagechange" VALUES(8,'ea39f5d10c254c52a9f678e56fc564f4','first_contact','consultation','','2026-12-05 01:11:15.924029',X'00000001017B55EE60C59AA5FD260970B40F26FCEA6E8E67BC6FBF200EAD96FC7347D1D43FDB7CAAE94F7FE814D9861AB92E10',2,5);
INSERT INTO "cases_stagechange" VALUES(9,'ab6b46192e3d4371b21046facff34199','consultation','transit','','2026-12-05 01:11:15.926213',X'0000000101225FBA152EEA9F00898E5DBD4F851229A5B4CDD824EB2E7A0221CF412FC225A844F4CB2A1CAAD5D9D3A20459E306',2,5);
INSERT INTO "cases_stagechange" VALUES(10,'af247015fe4942cc86c756b2a59b8975','transit','vetting','','2026-12-05 01:11:15.928334',X'000000010173E859990FF3AC1DA41224066A23AF9269A57095F2317EAD2064937E3A096810C29AB1ADCBDF01980912EF0E926F',2,5);
INSERT INTO "cases_stagechange" VALUES(11,'c77175e390d342d998bbadeae2fe0e66','first_contact','consultation','','2026-12-05 01:11:15.987727',X'00000001011F4035311AD59BDE9814E1E3D930C5699F761E4C1EFC07C364E7931A7C263CC9DD16B185A6B090B8A97A047E827A',2,6);
INSERT INTO "cases_stagechange" VALUES(12,'a5845f97a7ed434f8df417994195d030','consultation','closed','safe','2026-12-05 01:11:15.990281',X'000000010150DE29062B149515B7AF9E98E3C999EF53BEB19E6803EC160624DC2CFBC3858E7828D18C2AFFE6971B6B419F3C2C2419D848273D0D0887',2,6);
CREATE TABLE "cases_stay" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "country" BLOB NULL, "entered_on" BLOB NULL, "left_on" BLOB NULL, "registered_until" BLOB NULL, "legal_until" BLOB NULL, "basis" BLOB NULL, "note" BLOB NULL, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "cases_stay" VALUES(1,'bc8eaada9fdc46dd8ae867e87812e396',X'01690088891B7C0583F0B834D46A8752201BFE0FC2112CB18AE691F719E8F955D97714E8AA882E3F67FA92',X'01B77D4E35CBEF6D31CEE9F5C6194660D512A2146EA6E124235921FFFB15A9B0D3B3F30E7D49E508E5D14247F60A814793DD61',NULL,NULL,X'01780C6784CA5259DE8695FB4CEFE88725B43FAA99DA0BF5C17344A01B6A969CFFC36D9BB738CAF6972F06FB446211C2998B74',X'0000000101F43638E6F0CB127E5C88F004D31D2A8C4A7E7E76F25C6157858276B4605B2344D764D5CE010DB83B89B751D8FF534E97260629161256F2',NULL,1);
INSERT INTO "cases_stay" VALUES(2,'a31d7b4d25e3472e82f5381ab20cc533',X'016DB0F5FEC2763BA26E8D74802FFAB36BBC378F0C020F603B32BD1866DACD9188EEAC9772A55050B6E80F',X'01F078E2D603E6524770586314CF3366FAD9D45D2681AF69B88D15499224A5161ECA674C5E41B725F1F6D9411779FF14371031',NULL,NULL,X'01111251F2CA7166D8D787D0EFE1E7DE4830601370030171B07BE478C38F5C678349DD08E897E43F88EAD191A36A53F29D9AC3',NULL,NULL,3);
INSERT INTO "cases_stay" VALUES(3,'2c21d4640fd042a7a679d6cc5f5bbab7',X'019B6AAAA572F3C7869BF909C452185309FD3B942FDEB1B3122D1441371FD0352F013D01714F1C587DE9C9',X'01C2F63A499BEC81B1D72AB8A2C1FF4EDF9AD57DD00B4FA97582D2676AAD3909DEBA5D6A0C7B63085A750FB5FDE86A0A54567B',NULL,X'01CAEE0D89C1720FFFE058D1A11CF48A08A8A47C71BF3B698E5AD83D89F493A863902F6635A72020C1BDC230276D2D9E4BA176',X'01D838C1801CAB5F7E0371A64C1F5830728C994E780E1CB7D0F029617AE9BE6AD5036EA5656749B3C081F6E4A3BC9C54C70DA7',NULL,NULL,4);
CREATE TABLE "cases_stayrule" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "max_days_per_entry" integer unsigned NULL CHECK ("max_days_per_entry" >= 0), "window_days" integer unsigned NULL CHECK ("window_days" >= 0), "max_days_in_window" integer unsigned NULL CHECK ("max_days_in_window" >= 0), "registration_extends" bool NOT NULL, "entry_document" varchar(120) NOT NULL, "notes" text NOT NULL, "source" varchar(300) NOT NULL, "updated_at" datetime NOT NULL, "country_id" varchar(2) NOT NULL UNIQUE REFERENCES "cases_country" ("code") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "cases_stayrule" VALUES(1,NULL,180,90,0,'internal passport','90 days in any 180 since January 2023; no visa runs.','domain page: transit countries','2026-12-05 01:11:06.333091','KZ');
INSERT INTO "cases_stayrule" VALUES(2,180,NULL,NULL,0,'internal passport by air only','A deserter was seized by Russian military police in Gyumri in December 2023.','domain page: transit countries','2026-12-05 01:11:06.333942','AM');
INSERT INTO "cases_stayrule" VALUES(3,30,NULL,NULL,1,'internal passport','30 days without registration; detentions on Russian request.','domain page: transit countries','2026-12-05 01:11:06.334659','KG');
INSERT INTO "cases_stayrule" VALUES(4,365,NULL,NULL,0,'foreign passport','One year.','domain page: transit countries','2026-12-05 01:11:06.335343','GE');
INSERT INTO "cases_stayrule" VALUES(5,30,180,90,0,'','30 days, up to 90 in 180.','domain page: transit countries','2026-12-05 01:11:06.336043','MN');
INSERT INTO "cases_stayrule" VALUES(6,NULL,180,60,0,'foreign passport','60 days in 6 months; residence permits refused to new Russian arrivals since late 2022.','domain page: transit countries','2026-12-05 01:11:06.336758','TR');
CREATE TABLE "cases_task" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "title" BLOB NULL, "due_on" BLOB NULL, "done_at" datetime NULL, "created_at" datetime NOT NULL, "assignee_id" bigint NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "cases_task" VALUES(1,'e65cabedefef490e893c87c2247b95db',X'0000000101DA7F7ADEC4959B0265C9E9C72C0FAD2B13BC3CF1B1E4DB20024EB8F66D98C95A731EE88F7345163F81476618A0AD56EE8B5B2159DC7C91865024EE46277CF0AC71A074D5CCE47CE5C4EA8CCD2B1970DADAC2A31D',X'0155F351D69CC1089849F473A1B2A568B127794D2ED0A7EBCC37A2427004DB83D8BB1E2556F6F6D28B276F7198FE2DD4652537',NULL,'2026-12-05 01:11:15.578562',2,1);
CREATE TABLE "django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL);
INSERT INTO "django_content_type" VALUES(1,'auth','permission');
INSERT INTO "django_content_type" VALUES(2,'auth','group');
INSERT INTO "django_content_type" VALUES(3,'contenttypes','contenttype');
INSERT INTO "django_content_type" VALUES(4,'otp_totp','totpdevice');
INSERT INTO "django_content_type" VALUES(5,'vault','organisationkeyring');
INSERT INTO "django_content_type" VALUES(6,'vault','intakekeygrant');
INSERT INTO "django_content_type" VALUES(7,'vault','keyring');
INSERT INTO "django_content_type" VALUES(8,'vault','encryptedfile');
INSERT INTO "django_content_type" VALUES(9,'vault','staffkey');
INSERT INTO "django_content_type" VALUES(10,'vault','keywrapper');
INSERT INTO "django_content_type" VALUES(11,'audit','auditcheckpoint');
INSERT INTO "django_content_type" VALUES(12,'audit','audithead');
INSERT INTO "django_content_type" VALUES(13,'audit','auditentry');
INSERT INTO "django_content_type" VALUES(14,'accounts','organisation');
INSERT INTO "django_content_type" VALUES(15,'accounts','staff');
INSERT INTO "django_content_type" VALUES(16,'accounts','passkey');
INSERT INTO "django_content_type" VALUES(17,'accounts','recoverycodes');
INSERT INTO "django_content_type" VALUES(18,'accounts','staffsession');
INSERT INTO "django_content_type" VALUES(19,'accounts','team');
INSERT INTO "django_content_type" VALUES(20,'accounts','invitation');
INSERT INTO "django_content_type" VALUES(21,'cases','alertleadtime');
INSERT INTO "django_content_type" VALUES(22,'cases','article');
INSERT INTO "django_content_type" VALUES(23,'cases','country');
INSERT INTO "django_content_type" VALUES(24,'cases','case');
INSERT INTO "django_content_type" VALUES(25,'cases','checkin');
INSERT INTO "django_content_type" VALUES(26,'cases','criminalcase');
INSERT INTO "django_content_type" VALUES(27,'cases','importdraft');
INSERT INTO "django_content_type" VALUES(28,'cases','note');
INSERT INTO "django_content_type" VALUES(29,'cases','notification');
INSERT INTO "django_content_type" VALUES(30,'cases','person');
INSERT INTO "django_content_type" VALUES(31,'cases','documentheld');
INSERT INTO "django_content_type" VALUES(32,'cases','pressureevent');
INSERT INTO "django_content_type" VALUES(33,'cases','protectiontrack');
INSERT INTO "django_content_type" VALUES(34,'cases','serviceperiod');
INSERT INTO "django_content_type" VALUES(35,'cases','stagechange');
INSERT INTO "django_content_type" VALUES(36,'cases','stay');
INSERT INTO "django_content_type" VALUES(37,'cases','stayrule');
INSERT INTO "django_content_type" VALUES(38,'cases','task');
INSERT INTO "django_content_type" VALUES(39,'cases','assignment');
INSERT INTO "django_content_type" VALUES(40,'cases','alert');
INSERT INTO "django_content_type" VALUES(41,'intake','followupsession');
INSERT INTO "django_content_type" VALUES(42,'intake','ratecounter');
INSERT INTO "django_content_type" VALUES(43,'intake','conversation');
INSERT INTO "django_content_type" VALUES(44,'intake','message');
INSERT INTO "django_content_type" VALUES(45,'intake','attachment');
INSERT INTO "django_content_type" VALUES(46,'intake','outreachpage');
INSERT INTO "django_content_type" VALUES(47,'screening','incidentlist');
INSERT INTO "django_content_type" VALUES(48,'screening','casescreening');
INSERT INTO "django_content_type" VALUES(49,'screening','incidentrecord');
INSERT INTO "django_content_type" VALUES(50,'screening','screeningresult');
INSERT INTO "django_content_type" VALUES(51,'screening','watchlist');
INSERT INTO "django_content_type" VALUES(52,'screening','listimport');
INSERT INTO "django_content_type" VALUES(53,'vetting','signingcertificate');
INSERT INTO "django_content_type" VALUES(54,'vetting','vetting');
INSERT INTO "django_content_type" VALUES(55,'vetting','interview');
INSERT INTO "django_content_type" VALUES(56,'vetting','evidence');
INSERT INTO "django_content_type" VALUES(57,'vetting','claim');
INSERT INTO "django_content_type" VALUES(58,'vetting','attestation');
INSERT INTO "django_content_type" VALUES(59,'vetting','conflictdeclaration');
INSERT INTO "django_content_type" VALUES(60,'vetting','conclusion');
INSERT INTO "django_content_type" VALUES(61,'vetting','checklistanswer');
CREATE TABLE "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL);
INSERT INTO "django_migrations" VALUES(1,'accounts','0001_initial','2026-12-05 01:11:05.733325');
INSERT INTO "django_migrations" VALUES(2,'accounts','0002_invitations_for_setup','2026-12-05 01:11:05.748895');
INSERT INTO "django_migrations" VALUES(3,'audit','0001_initial','2026-12-05 01:11:05.753359');
INSERT INTO "django_migrations" VALUES(4,'contenttypes','0001_initial','2026-12-05 01:11:05.755590');
INSERT INTO "django_migrations" VALUES(5,'contenttypes','0002_remove_content_type_name','2026-12-05 01:11:05.769051');
INSERT INTO "django_migrations" VALUES(6,'auth','0001_initial','2026-12-05 01:11:05.778269');
INSERT INTO "django_migrations" VALUES(7,'auth','0002_alter_permission_name_max_length','2026-12-05 01:11:05.783963');
INSERT INTO "django_migrations" VALUES(8,'auth','0003_alter_user_email_max_length','2026-12-05 01:11:05.787969');
INSERT INTO "django_migrations" VALUES(9,'auth','0004_alter_user_username_opts','2026-12-05 01:11:05.791949');
INSERT INTO "django_migrations" VALUES(10,'auth','0005_alter_user_last_login_null','2026-12-05 01:11:05.800450');
INSERT INTO "django_migrations" VALUES(11,'auth','0006_require_contenttypes_0002','2026-12-05 01:11:05.801185');
INSERT INTO "django_migrations" VALUES(12,'auth','0007_alter_validators_add_error_messages','2026-12-05 01:11:05.807150');
INSERT INTO "django_migrations" VALUES(13,'auth','0008_alter_user_username_max_length','2026-12-05 01:11:05.810983');
INSERT INTO "django_migrations" VALUES(14,'auth','0009_alter_user_last_name_max_length','2026-12-05 01:11:05.815081');
INSERT INTO "django_migrations" VALUES(15,'auth','0010_alter_group_name_max_length','2026-12-05 01:11:05.821114');
INSERT INTO "django_migrations" VALUES(16,'auth','0011_update_proxy_permissions','2026-12-05 01:11:05.839453');
INSERT INTO "django_migrations" VALUES(17,'auth','0012_alter_user_first_name_max_length','2026-12-05 01:11:05.843598');
INSERT INTO "django_migrations" VALUES(18,'cases','0001_initial','2026-12-05 01:11:06.257918');
INSERT INTO "django_migrations" VALUES(19,'cases','0002_reference_data','2026-12-05 01:11:06.347705');
INSERT INTO "django_migrations" VALUES(20,'intake','0001_initial','2026-12-05 01:11:06.820097');
INSERT INTO "django_migrations" VALUES(21,'intake','0002_outreach_pages','2026-12-05 01:11:06.901296');
INSERT INTO "django_migrations" VALUES(22,'intake','0003_conversation_urgent','2026-12-05 01:11:06.977973');
INSERT INTO "django_migrations" VALUES(23,'otp_totp','0001_initial','2026-12-05 01:11:07.050084');
INSERT INTO "django_migrations" VALUES(24,'otp_totp','0002_auto_20190420_0723','2026-12-05 01:11:07.134059');
INSERT INTO "django_migrations" VALUES(25,'otp_totp','0003_add_timestamps','2026-12-05 01:11:07.221290');
INSERT INTO "django_migrations" VALUES(26,'screening','0001_initial','2026-12-05 01:11:07.466021');
INSERT INTO "django_migrations" VALUES(27,'vault','0001_initial','2026-12-05 01:11:07.542185');
INSERT INTO "django_migrations" VALUES(28,'vault','0002_organisationkeyring_intake_secret_for_recovery_and_more','2026-12-05 01:11:07.767691');
INSERT INTO "django_migrations" VALUES(29,'vault','0003_keyring_rotation_due','2026-12-05 01:11:07.784749');
INSERT INTO "django_migrations" VALUES(30,'vetting','0001_initial','2026-12-05 01:11:08.523830');
CREATE TABLE "intake_attachment" ("id" char(32) NOT NULL PRIMARY KEY, "sealed_file_key" BLOB NOT NULL, "sealed_meta" BLOB NOT NULL, "stored_size" bigint unsigned NOT NULL CHECK ("stored_size" >= 0), "message_id" bigint NOT NULL REFERENCES "intake_message" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "intake_attachment" VALUES('76471498da334a10b68459a773ce0407',X'71AD8A3D1BAA8E0BD82BE365883E4F905E9DA352647CEB05B74D3C983670A73E602CEF163F5DC6348E92775DE5112AD0B2F5496BCFA0FD562389F47A6EC3E05941F035964D7168C06E0957AA55479871',X'866544CA1BDAB142B418A5706AB51BCDDAE6C837B9DC694A4D67366FF6A2061D95C72CBE50FD2FA582B6E6D21C28576E652467384B923A2BE59CD09E5EB898034993CCC40998470F900A8B56A4E8E09E0B4A984E7A0E1B1930B330857B7A9E087CD993E4A9EB52C5D0059BE279D687CF589A',142,1);
CREATE TABLE "intake_conversation" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "lookup_id" varchar(64) NOT NULL UNIQUE, "person_public" BLOB NOT NULL, "status" varchar(10) NOT NULL, "unread" bool NOT NULL, "started_on" date NOT NULL, "last_on" date NOT NULL, "acted_on" date NULL, "case_id" bigint NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED, "urgent" bool NOT NULL);
INSERT INTO "intake_conversation" VALUES(1,'3c8ff48890fdd7023e708375782c065d94948d590c54f52d96ee9a942d001917',X'2F5844C4C5A85F6A33088440353ED839EF46B0C4E91ACC8E8130892DB4FFFD6A','answered',0,'2026-12-05','2026-12-05','2026-12-05',NULL,0);
CREATE TABLE "intake_followupsession" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "token_hash" varchar(64) NOT NULL UNIQUE, "sealed" BLOB NOT NULL, "idle_until" datetime NOT NULL, "ends_at" datetime NOT NULL);
CREATE TABLE "intake_message" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "direction" varchar(3) NOT NULL, "day" date NOT NULL, "sealed" BLOB NOT NULL, "sealed_for_intake" BLOB NULL, "author_id" bigint NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "conversation_id" bigint NOT NULL REFERENCES "intake_conversation" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "intake_message" VALUES(1,'in','2026-12-05',X'6E2357E6EBFDCFE45DB8C949BE039C9F634ECD5D74FA9912FB007CA02751F215B06CB144F53DE0F3D1B18EE1413E25BC81F66879AF6B6D5B5163361CA2741190DA7B9F5569D1CD3F556BFFED63A7202DE6C058A02EA70A79F529B5C0531EC962DADFC897B6DF9B50C66E2C297341695C1D59335571BA81C448E67FF172E7D06440107D5EBB140E20C4A414E8C9D55325A2AA7D40C759CE185D434F2CDB828165D662A6E92033C094EB1164337533CC2095B98E068A7F4B39AB29AAC4783BCEE1A303728C4A975A2210888BEACAC1ABFAC54B4B9C5DB410F22F62007BF2C9937FB216BD99F1DA81B73C81BEA49CA4F8613E0104DB57DE4A4230762805D3397202B5104CF1D8581A20F177FDB976E4347A1346CF20D75ABB3E4FEFE70D978042470365E280ACF19C9D683A5E2996',NULL,NULL,1);
INSERT INTO "intake_message" VALUES(2,'out','2026-12-05',X'4ACDE9847DD400BEA0480FD1CEECF3A93EB62D377B148BC3E648B7F11A5DD260CB083C1FEC56756B1FB7FD4A7E7BEF00AADEE26F8392C7905ACB9520EF5A07B08B91C616F9D7D364CD7276270FB776C56FE023E3A21E8E398F51EDEC3F24E93033E69E813C29A86ADCFF3603EA88016E02D830C4CB547241C5E38C3E38332ECB2950EE2B55E321E14C38E23D540A5360C915599C4A8E50247AE7',X'507EDA8D899A1DF2A61F4D1DFB1C8A9B62E05923F7161A237E134B1DD4A0885E3B81231472C49BE34A0025C141E1643C39D4B761C55E68D6D1FBC0B42D8CF6E7751799219A713A2740DD333DDC23F5935A4D5CBC839B606204F12FFCE50D60A76BCB2FA2E88C66DCBB5DC1AC714F6C10F6A717203ED949E0BB34939055B26605FEFD22932ABFF3A9C0634D8AE493733734A880A43BA7D2CA58D9',2,1);
CREATE TABLE "intake_outreachpage" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "slug" varchar(40) NOT NULL, "language" varchar(5) NOT NULL, "title" varchar(200) NOT NULL, "body" text NOT NULL, "updated_at" datetime NOT NULL, "updated_by_id" bigint NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "outreach_slug_language" UNIQUE ("slug", "language"));
INSERT INTO "intake_outreachpage" VALUES(1,'options','ru','Какие у меня варианты','Каждая ситуация своя. Ниже — общая картина; напишите нам, и мы разберём именно ваш случай.
Не пишите в сообщении маршруты, места пересечения границы, имена тех, кто помогает, и точные адреса.

## Если вы ещё в России и не в армии
- **Повестка.** Не ходите в военкомат, не посоветовавшись с юристом: вопросы о повестке часто
  можно решить, не являясь туда. Сохраните саму повестку или её фотографию.
- **Альтернативная гражданская служба.** Призывник может заявить о праве на АГС, если военная
  служба противоречит его убеждениям. Заявление подают заранее, до призыва; мы подскажем, как.
- **Отъезд.** В Казахстан и Киргизию можно въехать по внутреннему паспорту, в Армению — по
  внутреннему паспорту только самолётом. В каждой стране свой срок законного пребывания
  (например, в Казахстане 90 дней из 180). Беларусь — только транзит, не убежище.

## Если вы служите или мобилизованы
- **Не оставайтесь с этим в одиночку.** Самовольное оставление части, дезертирство и отказ
  участвовать в боевых действиях — разные статьи с разными сроками (см. страницу
  [«Юридические риски»](/help/legal-risks/)). От того, как и когда вы уйдёте, зависит многое.
- **Документы.** Военный билет, удостоверение, повестка, предписание, выписки — всё, что
  подтверждает службу или мобилизацию, понадобится позже для защиты за границей. Храните их или
  их копии отдельно от телефона.
- **Сдача в плен** сама по себе — статья 352.1 (от 3 до 10 лет). Обсудите с нами, прежде чем
  что-то решать.

## Если вы уже уехали
- Следите за сроком законного пребывания в стране, где вы сейчас, и за регистрацией.
- Объявление в розыск бывает федеральным, межгосударственным (СНГ) и международным. Интерпол
  не принимает запросы по чисто воинским преступлениям, но страны СНГ обмениваются данными.
- Некоторые страны дают защиту тем, кто отказался воевать на войне, где служба означала бы
  участие в военных преступлениях. Для этого нужны доказательства службы или мобилизации и
  последовательная позиция против войны. Мы помогаем подготовить документы и говорим с
  посольствами.

## Что мы можем
Консультация, помощь с планом, юристы в странах транзита, письма и досье для виз и убежища.
Мы **никогда** не просим денег, не назначаем встреч в России или Беларуси и не просим прийти в
военкомат. Если кто-то от нашего имени это делает — это не мы.

[Написать нам](/write/) · [Как проверить, что это наш сайт](/verify/)
','2026-12-05 01:11:06.883807',NULL);
INSERT INTO "intake_outreachpage" VALUES(2,'options','en','What are my options','Every situation is different. This is the general picture; write to us and we will look at yours.
Do not write routes, border crossing points, the names of people who help you or exact addresses.

## If you are still in Russia and not in the army
- **A summons.** Do not go to the enlistment office before talking to a lawyer: many questions
  about a summons can be settled without going there. Keep the summons or a photo of it.
- **Alternative civilian service.** A conscript may claim alternative civilian service when
  military service goes against his convictions. The claim is made in advance, before the
  call-up; we can tell you how.
- **Leaving.** Kazakhstan and Kyrgyzstan can be entered with the internal passport, Armenia with
  the internal passport by air only. Each country has its own limit on a legal stay (in
  Kazakhstan, 90 days in any 180). Belarus is for transit only, never a refuge.

## If you are serving or mobilised
- **Do not face this alone.** Leaving your unit without permission, desertion and refusing to
  take part in hostilities are different articles with different penalties (see
  [The legal risks](/en/help/legal-risks/)). How and when you leave matters a great deal.
- **Documents.** Your military ID book, ID card, summons, orders, extracts: everything that
  proves your service or mobilisation will be needed later to claim protection abroad. Keep them,
  or copies, apart from your phone.
- **Surrender** is itself an offence under article 352.1 (3 to 10 years). Talk to us before you
  decide anything.

## If you have already left
- Keep track of how long you may legally stay where you are, and of your registration.
- A wanted notice can be federal, interstate (CIS) or international. Interpol refuses purely
  military offences, but CIS countries share their data.
- Some countries protect men who refused to fight in a war where service would have meant taking
  part in war crimes. This takes proof of service or mobilisation and a consistent stance against
  the war. We help prepare the papers and speak to embassies.

## What we can do
Advice, help with a plan, lawyers in transit countries, letters and files for visas and asylum.
We **never** ask for money, never arrange meetings in Russia or Belarus and never ask you to go to
an enlistment office. Anyone who does so in our name is not us.

[Write to us](/en/write/) · [How to check this is our site](/en/verify/)
','2026-12-05 01:11:06.884681',NULL);
INSERT INTO "intake_outreachpage" VALUES(3,'legal-risks','ru','Юридические риски','Статьи Уголовного кодекса РФ в редакции после поправок сентября 2022 года. Это общая справка, а
не юридическая консультация: законы меняются, и многое зависит от обстоятельств. Напишите нам,
прежде чем что-то решать.

## Статья 337 — самовольное оставление части (СОЧ)
В период мобилизации, военного положения или вооружённого конфликта срок зависит от того, сколько
дней вас нет в части:

| отсутствие | наказание |
|---|---|
| от 2 до 10 суток | до 5 лет лишения свободы |
| от 10 суток до 1 месяца | до 7 лет |
| более 1 месяца | от 5 до 10 лет |

## Статья 338 — дезертирство
Дезертирство — это оставление части с целью уклониться от службы совсем.

- до 7 лет лишения свободы;
- с оружием или группой по предварительному сговору — до 10 лет;
- в период мобилизации, военного положения или вооружённого конфликта — от 5 до 15 лет.

## Статья 332 — неисполнение приказа, отказ участвовать в боевых действиях
- до 3 лет лишения свободы;
- при тяжких последствиях — до 10 лет.

## Статья 352.1 — добровольная сдача в плен
- от 3 до 10 лет лишения свободы.

## Розыск и давление на семью
- Розыск бывает федеральным, межгосударственным (общая база стран СНГ и ОДКБ — в том числе
  Казахстан, Киргизия, Армения) и международным. Интерпол не принимает запросы по чисто
  воинским преступлениям, поэтому опасность приходит по региональным каналам.
- Родственников вызывают на беседы, у них бывают обыски. Расскажите нам, если это происходит:
  это важно и для вашей безопасности, и для защиты за границей.

[Какие у меня варианты](/help/options/) · [Написать нам](/write/)
','2026-12-05 01:11:06.885419',NULL);
INSERT INTO "intake_outreachpage" VALUES(4,'legal-risks','en','The legal risks','Articles of the Russian Criminal Code as amended in September 2022. This is general information,
not legal advice: laws change and much depends on the circumstances. Write to us before you decide
anything.

## Article 337: leaving a unit without permission (AWOL)
During mobilisation, martial law or armed conflict the penalty depends on how many days you are
away from your unit:

| days away | penalty |
|---|---|
| 2 to 10 days | up to 5 years in prison |
| 10 days to 1 month | up to 7 years |
| more than 1 month | 5 to 10 years |

## Article 338: desertion
Desertion is leaving the unit in order to avoid service altogether.

- up to 7 years in prison;
- armed, or in a group by prior agreement: up to 10 years;
- during mobilisation, martial law or armed conflict: 5 to 15 years.

## Article 332: disobeying an order, refusing to take part in hostilities
- up to 3 years in prison;
- with grave consequences: up to 10 years.

## Article 352.1: voluntary surrender
- 3 to 10 years in prison.

## Wanted lists and pressure on families
- A wanted notice can be federal, interstate (the shared base of the CIS and CSTO countries,
  including Kazakhstan, Kyrgyzstan and Armenia) or international. Interpol refuses purely military
  offences, so the danger comes through the regional channels.
- Relatives are called in for questioning and homes are searched. Tell us if this happens: it
  matters for your safety and for a claim for protection abroad.

[What are my options](/en/help/options/) · [Write to us](/en/write/)
','2026-12-05 01:11:06.899051',NULL);
INSERT INTO "intake_outreachpage" VALUES(5,'staying-safe','ru','Как не подвергать себя опасности','## Кодовое имя
- После отправки сообщения вы получите кодовое имя из семи слов. Только по нему можно прочитать
  наши ответы и написать снова. Мы не можем его восстановить.
- Запомните его или запишите на бумаге и храните отдельно от телефона. Кто знает ваше кодовое
  имя, тот может прочитать наши ответы.
- Ваши собственные сообщения после отправки не показываются даже вам: открыть их может только
  наша команда.

## Signal
- Если вы просите ответить в Signal, используйте имя пользователя вместо номера телефона,
  включите исчезающие сообщения и PIN-код блокировки регистрации.
- Любой мессенджер на вашем телефоне увидит тот, у кого окажется телефон. Самый безопасный способ
  получить ответ — этот сайт и ваше кодовое имя.

## Телефон на границе
- Пограничники в России и в странах транзита могут осмотреть телефон. Перед границей удалите
  переписку, фотографии документов и историю браузера, выйдите из аккаунтов.
- Если можете, пересекайте границу с «чистым» телефоном.
- Не держите записанное кодовое имя рядом с телефоном или документами.

## Поддельные копии сайтов помощи
- Спецслужбы делают копии сайтов правозащитных организаций и выдают себя за волонтёров, чтобы
  узнать, кто собирается уехать.
- Мы никогда не просим денег, не назначаем встреч в России или Беларуси и не просим прийти в
  военкомат.
- Проверяйте адрес сайта, а если пользуетесь Tor — адрес .onion. Сравните отпечаток ключа
  организации на странице [«Проверить этот сайт»](/verify/) с тем, что мы публикуем в своих
  каналах. Если не совпадает — уходите и ничего не отправляйте.

## На этом сайте
Сайт работает без JavaScript, ничего не загружает с других сайтов и не ставит cookie, пока вы не
введёте кодовое имя. Мы не записываем IP-адреса. Сообщения шифруются сразу при получении.

[Написать нам](/write/)
','2026-12-05 01:11:06.900260',NULL);
INSERT INTO "intake_outreachpage" VALUES(6,'staying-safe','en','Staying safe','## Your codename
- After you send a message you receive a codename of seven words. Only with it can you read our
  replies and write again. We cannot recover it.
- Learn it by heart, or write it on paper and keep it apart from your phone. Whoever knows your
  codename can read our replies.
- Your own messages are not shown again, even to you: only our team can open them.

## Signal
- If you ask us to answer on Signal, use a username instead of your phone number, turn on
  disappearing messages and set a registration lock PIN.
- Whoever gets hold of your phone sees every messenger on it. The safest way to receive our answer
  is this site and your codename.

## Your phone at a border
- Border guards in Russia and in transit countries may inspect phones. Before a border, delete
  chats, photos of documents and your browser history, and sign out of accounts.
- If you can, cross with a clean phone.
- Do not keep your written codename next to your phone or your documents.

## Fake copies of help sites
- Security services copy the sites of human rights groups and pose as volunteers to learn who is
  planning to leave.
- We never ask for money, never arrange meetings in Russia or Belarus and never ask you to go to an
  enlistment office.
- Check the site''s address, and the .onion address if you use Tor. Compare the organisation''s key
  fingerprint on [Check this site](/en/verify/) with the one we publish on our own channels. If
  they differ, leave and send nothing.

## On this site
The site works without JavaScript, loads nothing from other sites and sets no cookie until you
enter your codename. We do not record IP addresses. Messages are encrypted as soon as they arrive.

[Write to us](/en/write/)
','2026-12-05 01:11:06.901034',NULL);
CREATE TABLE "intake_ratecounter" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "key" varchar(120) NOT NULL UNIQUE, "window_start" datetime NOT NULL, "count" integer unsigned NOT NULL CHECK ("count" >= 0));
INSERT INTO "intake_ratecounter" VALUES(1,'submit:global','2026-12-05 01:00:00',1);
CREATE TABLE "otp_totp_totpdevice" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(64) NOT NULL, "confirmed" bool NOT NULL, "key" varchar(80) NOT NULL, "step" smallint unsigned NOT NULL CHECK ("step" >= 0), "t0" bigint NOT NULL, "digits" smallint unsigned NOT NULL CHECK ("digits" >= 0), "tolerance" smallint unsigned NOT NULL CHECK ("tolerance" >= 0), "drift" smallint NOT NULL, "last_t" bigint NOT NULL, "user_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "throttling_failure_count" integer unsigned NOT NULL CHECK ("throttling_failure_count" >= 0), "throttling_failure_timestamp" datetime NULL, "created_at" datetime NULL, "last_used_at" datetime NULL);
INSERT INTO "otp_totp_totpdevice" VALUES(1,'test',1,'3d745af3f132a84fae7617528c30e5bb0ce50c8b',30,0,6,1,0,-1,1,0,NULL,'2026-12-05 01:11:11.927509',NULL);
INSERT INTO "otp_totp_totpdevice" VALUES(2,'test',1,'b9b27c43bd147f5fa01c52c624fbf133987c1a65',30,0,6,1,0,-1,2,0,NULL,'2026-12-05 01:11:12.726616',NULL);
INSERT INTO "otp_totp_totpdevice" VALUES(3,'test',1,'5614504a0a9d19c20fa19d065ecf1aa5fd04e052',30,0,6,1,0,-1,3,0,NULL,'2026-12-05 01:11:13.618175',NULL);
INSERT INTO "otp_totp_totpdevice" VALUES(4,'test',1,'2bb1838cc1cc5e6b8c3dbb1a647e377613e53ac4',30,0,6,1,0,-1,4,0,NULL,'2026-12-05 01:11:14.432158',NULL);
INSERT INTO "otp_totp_totpdevice" VALUES(5,'test',1,'cfa884ab8812c7ca836e5ada96b423b685a35991',30,0,6,1,0,-1,5,0,NULL,'2026-12-05 01:11:15.393495',NULL);
CREATE TABLE "screening_casescreening" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "screened_at" datetime NOT NULL, "versions" text NOT NULL CHECK ((JSON_VALID("versions") OR "versions" IS NULL)), "pending_since" datetime NULL, "case_id" bigint NOT NULL UNIQUE REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "screening_incidentlist" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(120) NOT NULL UNIQUE, "is_sample" bool NOT NULL, "imported_at" datetime NOT NULL);
CREATE TABLE "screening_incidentrecord" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "data" text NOT NULL CHECK ((JSON_VALID("data") OR "data" IS NULL)), "incident_list_id" bigint NOT NULL REFERENCES "screening_incidentlist" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "screening_listimport" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(120) NOT NULL, "started_at" datetime NOT NULL, "finished_at" datetime NULL, "succeeded" bool NOT NULL, "lines" integer unsigned NOT NULL CHECK ("lines" >= 0), "entities" integer unsigned NOT NULL CHECK ("entities" >= 0), "added" integer unsigned NOT NULL CHECK ("added" >= 0), "removed" integer unsigned NOT NULL CHECK ("removed" >= 0), "errors" text NOT NULL CHECK ((JSON_VALID("errors") OR "errors" IS NULL)), "watch_list_id" bigint NULL REFERENCES "screening_watchlist" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "screening_screeningresult" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "kind" varchar(10) NOT NULL, "found_at" datetime NOT NULL, "reviewed_at" datetime NULL, "source" BLOB NULL, "entity" BLOB NULL, "caption" BLOB NULL, "person" BLOB NULL, "score" BLOB NULL, "alert" BLOB NULL, "explanation" BLOB NULL, "review" BLOB NULL, "review_reason" BLOB NULL, "case_id" bigint NOT NULL REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED, "reviewed_by_id" bigint NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "screening_watchlist" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(120) NOT NULL UNIQUE, "kind" varchar(8) NOT NULL, "version" integer unsigned NOT NULL CHECK ("version" >= 0), "entity_count" integer unsigned NOT NULL CHECK ("entity_count" >= 0), "file_sha256" varchar(64) NOT NULL, "imported_at" datetime NULL, "imported_by_id" bigint NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "vault_encryptedfile" ("id" char(32) NOT NULL PRIMARY KEY, "key_version" integer unsigned NOT NULL CHECK ("key_version" >= 0), "sealed_file_key" BLOB NOT NULL, "sealed_meta" BLOB NOT NULL, "stored_size" bigint unsigned NOT NULL CHECK ("stored_size" >= 0), "created_at" datetime NOT NULL, "ring_id" bigint NOT NULL REFERENCES "vault_keyring" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "vault_encryptedfile" VALUES('1e0f503f75a14c2487d4009db987419e',1,X'0145B7B89D246BB4FA8C2E0BF40E844B98CF05F1F01B1F808CE07E75056ECA85D8B3AB8D0D7C5076D1DDF659231E7DE73F37AECD07BAF2AC8E59794DD62500F07B47F539F92317C1D4',X'016990F7BB24CE770BE7ED3FBDAE844BBF3DBB21CEA307383143500EE387F773FCADF58FF0AA4CE08E0EDABA6860C7452171C729D85FABE976B0B259BE89659BCBD1A14A725C1A631BC6C8B61DE064088D62FAA5249D23B3C9EA129CA49E4B8414297E88C72EBCD52543CC05BC140AF6D6E5279DC67CAEE7105757B104EC0CAE8A327F',144,'2026-12-05 01:11:18.894581',9);
CREATE TABLE "vault_intakekeygrant" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "sealed" BLOB NOT NULL, "created_at" datetime NOT NULL, "staff_id" bigint NOT NULL UNIQUE REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "vault_intakekeygrant" VALUES(1,X'119FEC3BE434299E14AF7D5F6FFB54715547924FDB4F726F44B0C0CAD70EAC29F3F33C4B2465FA9A8895CB6280AF82EBC0C06E392D5F26DFF53ED44E5DB26C794BE183AD87F626A71A46DFC2D2ABC8A1','2026-12-05 01:11:15.400433',1);
INSERT INTO "vault_intakekeygrant" VALUES(2,X'DA7E6997761C03D36813C5034A0B791367CB725B26234DE32ADB43EFAE3C995ACC2ACDFF09CFE3354F5B6F4920C6D50B5FE8B840E1CA756056D8A6B86A0780F708023A8237E4773EB0C63DD114D2988E','2026-12-05 01:11:15.402003',2);
CREATE TABLE "vault_keyring" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "scope" varchar(32) NOT NULL, "object_id" bigint NOT NULL, "version" integer unsigned NOT NULL CHECK ("version" >= 0), "period" varchar(7) NOT NULL, "created_at" datetime NOT NULL, "rotation_due" bool NOT NULL, CONSTRAINT "keyring_scope_object" UNIQUE ("scope", "object_id"));
INSERT INTO "vault_keyring" VALUES(1,'case',1,1,'2031-12','2026-12-05 01:11:15.418969',0);
INSERT INTO "vault_keyring" VALUES(2,'case',2,1,'2031-12','2026-12-05 01:11:15.615449',0);
INSERT INTO "vault_keyring" VALUES(3,'case',3,1,'2031-12','2026-12-05 01:11:15.661898',0);
INSERT INTO "vault_keyring" VALUES(4,'case',4,1,'2031-12','2026-12-05 01:11:15.768485',0);
INSERT INTO "vault_keyring" VALUES(5,'case',5,1,'2031-12','2026-12-05 01:11:15.892834',0);
INSERT INTO "vault_keyring" VALUES(6,'case',6,1,'2031-12','2026-12-05 01:11:15.960590',0);
INSERT INTO "vault_keyring" VALUES(7,'case',7,1,'2031-12','2026-12-05 01:11:16.017072',0);
INSERT INTO "vault_keyring" VALUES(8,'vetting',1,1,'2031-12','2026-12-05 01:11:16.100860',0);
INSERT INTO "vault_keyring" VALUES(9,'evidence',1,1,'2029-12','2026-12-05 01:11:18.874669',0);
CREATE TABLE "vault_keywrapper" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "version" integer unsigned NOT NULL CHECK ("version" >= 0), "sealed" BLOB NOT NULL, "created_at" datetime NOT NULL, "ring_id" bigint NOT NULL REFERENCES "vault_keyring" ("id") DEFERRABLE INITIALLY DEFERRED, "staff_id" bigint NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "wrapper_unique_holder" UNIQUE ("ring_id", "version", "staff_id"));
INSERT INTO "vault_keywrapper" VALUES(1,1,X'015BE3704338B8D074F611BC6A5C7005DEEE342965B1627F783E6756E911B32AD21D67361CCCB5C46CB570436E2D0BD7F8A4C083511D0EAB334528581815FF6E0BC1E202AC5565B1BF6E921A8D76FCD437520359255CAEF8F1FB7A3DDD90BEB01D05B2A4B4DF2416DAFA2D3010804E2C24D7729AAC9F403008','2026-12-05 01:11:15.433343',1,NULL);
INSERT INTO "vault_keywrapper" VALUES(2,1,X'017B45BDDDE4D3608CB1849C817E5D346DB9C54E10038F3653C87A2D2CE2E1047852EBCB8F4C014B29C463411631F5971CED521C70A0922046EAB8A85CA1491A081676CE4D839C8DBDB0EEF334196F7A37AB93D99BB696821050821AACBA5E90D3BD3D55D96795B6726E20B130CFB0086349B42DA097A7BCDB','2026-12-05 01:11:15.433395',1,2);
INSERT INTO "vault_keywrapper" VALUES(3,1,X'01D09852D993B29FFDB76645B165E75CD1F9F08F8C091DD1EA5950C19E07CF29C26A47FD8FB31F4B6AB2613AB18D1B523692B47734FD3E972035735157B5B9E023DC08A76B177770598682B1D59614BC2F8A4B8D54F698DA7561F38A67836CCEC7FD57FABF429BDBD2892C6331698E86F6140196F10E8CD561','2026-12-05 01:11:15.433416',1,1);
INSERT INTO "vault_keywrapper" VALUES(4,1,X'01ADFDF3C648A36C4B7074DDA0A260AE4966BE69B71246D41A820E87AE94F84F8858EB41050503D2193DB90E60D4A25B6D6CAB40C24308BA9AE3C01F4C3FF13B23042EFA61EA1885134CC44A3AFB4AA40F947224234CC40EFE7379DC00DBB262D69771DB3CE180C9AE5AC2072AAC9B3A7AF290D554FD46E871','2026-12-05 01:11:15.628669',2,NULL);
INSERT INTO "vault_keywrapper" VALUES(5,1,X'01455D980158BBF40996C00812EB9301FE6E7C40115076624EBC48EE89C0D5EFFAB6028DD06C5F435A886B06A7A4E8BC844CCC07B883F67A60AA66FA4D86A72FFA923E1F7CF5A4AA4933744135762259C0886D8CDDADFA4376BF11AC1DC37405DE8AE88994B2DB786EA2D863CE5486F2BB910AFB763389ABA7','2026-12-05 01:11:15.628714',2,2);
INSERT INTO "vault_keywrapper" VALUES(6,1,X'013E129D5902183D2049959E04EA86784F36A23DA6B304A88050EB905423572589713BB38C5952E02F1AD039D9F521FEFDA094316A5D01091F45FE9C5CF0E960E98943170191C2CA9F7056E76856BA9901B3ACC486E10CA74774D87A59ED70157EB579D77C4E64A73B6245474CA7024ACE56D9E5E4ABBF57E2','2026-12-05 01:11:15.628734',2,1);
INSERT INTO "vault_keywrapper" VALUES(7,1,X'018D2D546C700B7BE2C91B6B33EFCA6D08BF212B6D270589B8396899F9AE9F415DF17C40EDB1CC691DE71C618CAD50569333671FC97C968F489208E2C002C36ABE900B35F41491B902CC010E453D7249CBEB582E127BACC354DE5E26A64676C3CB1B619EF48326EACF2F44B5D6DBF5FD9F6E6DCC97D564A854','2026-12-05 01:11:15.682579',3,NULL);
INSERT INTO "vault_keywrapper" VALUES(8,1,X'01C9CC9C47B66028CCD939682CD685F8C86D1E003C285FB8479C3575508DE5AF90167196FB83B2C861EEA5BFDD44636385A73E1EE779E950F6C99437FADC8CD524E49FAEB7FCE536D8503765EB3482DA56B94BE1EC5D0B9C8725AF2C61B6183B0AB4889FAD9241848E969490BECA83C0611B7692390978E2C8','2026-12-05 01:11:15.682630',3,2);
INSERT INTO "vault_keywrapper" VALUES(9,1,X'014BB68E4A0B1298CBB798F92FBAEAD3ABBB31057F0DE4BB433C15E3A0B6223553C83ABFC41AA7CBD08F55A6699D94DD01D188E07074D3EC44B94585E567A267D64902BEAFC9A7FB8BDD837E5B5E5C3BD96F8B27F1B18766DE2D84EAB27CAB28A49C34E76FD0285096F46E6E80FC5632BD36F7A7B6954F265E','2026-12-05 01:11:15.682651',3,1);
INSERT INTO "vault_keywrapper" VALUES(10,1,X'0125B17F82C491E284173FB8DA0E3A3A618AC02DD1190D366FA08C881A993A55C2ED314F949613827E4377AEF4E5715C223C4F33FF70900D4F21C54CC7DF0DAFF515D1ABBF20A2E0393E0D33F0707F204F37A070C89A5BCD466F7A5FC6C4DC33E47EA4E86334A344B24F571C861CE4BCFF59FAD86993E01488','2026-12-05 01:11:15.763325',3,3);
INSERT INTO "vault_keywrapper" VALUES(11,1,X'019B4018DEB2037407032953429FDB8C24CA15E9A24B90477DF67180494254EBD25B3B4CFF783B42209DFC0C5B7636A66D82F1EE72D7ACBDE18727E3B3547D6BC3093C024F224BA1056E0CD86264191A359E01B24DB15169A76401093734D951624C1FF1D0EF68349AB72B853DAB678870FA652FC902390282','2026-12-05 01:11:15.788532',4,NULL);
INSERT INTO "vault_keywrapper" VALUES(12,1,X'01F8E1A62A5E120ACC7182DE6B76810489EC4AECB53BA77EBCAA4DE794BF4CCE732F82744098F995E87E46CF1ED86A52D877C4DCF93948DC3DB59DAB356DA2EC3F30855217D7EE438008D328692861A59BD7FFFE9CE769D83A255CB734AA0C21E685204F141A294EFB205A08CA355F3DA226E3B27937757B62','2026-12-05 01:11:15.788577',4,2);
INSERT INTO "vault_keywrapper" VALUES(13,1,X'010117703FC7BB311A42A21768554EE83CA85B0B13233799A8A35E1AB33AE5E0ED3AE80DE7F57A0D6B483087343FA6AB8FC5350F0AAE837080404694586A8996610FBB3F404A21002A78EBB27E6DF840A601DD1CC1BD29DA28903F655FE2F1E8525ABB514A3F45C139A7D5EFC19F8B6AA448D61BB1DE26F60E','2026-12-05 01:11:15.788598',4,1);
INSERT INTO "vault_keywrapper" VALUES(14,1,X'01C7069E117DD86E6BC39506D027DC990DF75D7B45DBFF43BC8F3E31121CE5A2D467D8F8026F7E0B049A10DEAC6B56E18AF36EF7CC0EC9F9C82EEDFA2D25EEACDA04490BE89ACB8AD7D85CC2E374055D7193BE8A0018FECE06E0513C5EC83D46668D5F8BC4F86866795A1338E3EBC4D6B2D72CEC0B42D2B6B3','2026-12-05 01:11:15.916601',5,NULL);
INSERT INTO "vault_keywrapper" VALUES(15,1,X'01C5D117CECC895A949F862790FD9335A8EEFE9134E55CDC1A15143B8DD9F0C4A1B2D6C26C34088EEA456A2AF61CB05B984A4CA5E93C42680A3A1969EA3F00D76C5879D6AE1744A73E269DDC37BA4E2B3E1181E6C65E594656E98FAEF71AB2663AB4F03E64442EE332780100066EE882FA40AF641651BCF0D9','2026-12-05 01:11:15.916649',5,2);
INSERT INTO "vault_keywrapper" VALUES(16,1,X'018E81002107E4780274B141711C6F1024EEAD5C0E9B78846D5E306A6AAB19DA9BF97ABE5F229BD82E693CCD9780B1E5DD1498360165FD6BA559B0044900822BC58ECE40200036EB9BD54EEA476BC97D51F08BACD17F4E178BE225227133F13FED39767F5EAF24EF6E4D12E513845A45E61D45B26615F0540B','2026-12-05 01:11:15.916669',5,1);
INSERT INTO "vault_keywrapper" VALUES(17,1,X'010C4C064F3A8F0E12D02296D6696A550B6937C9A052000C00349E5D1077EE434CE785905F196EC2D1BE782D8AC55315A51E85DB643940B44CA253E9DE09512880C90F922373F27396EA9E71FC1023626112DF5798C9BAB709D2CA75B787AB9B41EDF30EEBFD7A304EE62619EA1B01B76AD799EEFCB502A2E2','2026-12-05 01:11:15.953826',5,5);
INSERT INTO "vault_keywrapper" VALUES(18,1,X'01D197C9CBC5B7A4F789E3827E61F4BDCF14F9BEF87998209432B010AA8B2CD0370F836DDF6F967085D95ABA1346078B9CCA73DFCAEA0158E38EA4D5EA9970A92F45CA5D1B3C1759AC5083DAE15563958CFA82B21F5E3BA03D7E10BACD777432F543A8987977B3A01CAF66F4AE5DB9F593BE20513C9233C61F','2026-12-05 01:11:15.972423',6,NULL);
INSERT INTO "vault_keywrapper" VALUES(19,1,X'015CE1F48991B07E1F6CE8D8111FAA537CB35C13E150CB9FBD17DDFBE2772E32652A735F3D53ED8BC7A67837FA639855134C70975261A4742F5DCA600710EC874E6EEE8847E8EC3E7B4B4D0D572D8052EE83547B8B033E9A8A54300781BDB5347D27170453A458EC251B7EADCF8474B13108CDE36CA30D1C3B','2026-12-05 01:11:15.972490',6,2);
INSERT INTO "vault_keywrapper" VALUES(20,1,X'01ABE7D3DD925C8A10B9440EDFF7D69CE35E4E89AB5A43E789620455B981E5B0778C9CF613AD3921ECFA559D15BAFCEA175CD07D3001D5BFD8E4EBD56AF205AE1FFC76EA727FFCE96B2DD5188B27DD655309D5D9B8B5F988F90BF4C4E0EAC390C50774520CC1ECB75FAE7B8BD0DC69FBBE5C34EE7B0F91F7CF','2026-12-05 01:11:15.972509',6,1);
INSERT INTO "vault_keywrapper" VALUES(21,1,X'01DC08B9BBEF65012924B0ED0568C3D37FD8855A14C7AACC22AC9BBA0A8EEA230A325717DB53D22568F54CCE742C95F86AA32A41C887E2A80CF08D13D33A2949C59243AD7E0EBDE9834E72AD3D12AB70D4FFB86525A618860EEE6A8DA1E4EEA59A1BDE3619762ABBA593A0EA5517601431971672229A310A36','2026-12-05 01:11:16.035629',7,NULL);
INSERT INTO "vault_keywrapper" VALUES(22,1,X'01AE67DE39F9E3262409A212B3B14FE3853C51824B65C96113B3BEB5A35EA14265144FE4577166F5DBADBB3E5D4015799D3E80849EC615087375E5D64C6F5BB52DF88FA875016BC51334CF68A3C986D3E4124336948C80AC659FDEE2093E66212398E459914221885EA83E26B292BC33A120E35F1C4D9439F8','2026-12-05 01:11:16.035674',7,2);
INSERT INTO "vault_keywrapper" VALUES(23,1,X'01AF51217C0710630EA1A2FF223BD3947E1824BAEF8D7314593E4B5C43D7AAD6703B819492C62D903BE02F96BB49D22F07FD3D873BC2DC57675941D7746B0F81F32AF89164C55E6B174DC0482D8602A85316C1CF65CFDD2A471C751FEC1B5DE8987EAE0E65AF5822C8350C19231EAA74AADED6B8D5683E11D0','2026-12-05 01:11:16.035696',7,1);
INSERT INTO "vault_keywrapper" VALUES(24,1,X'01E207C6110FA5BE6D81D7FC21EAF359B6838C5B690CE2BBEFC30B1CB8695052EAFCD64DBBB653D90B91C23FE60F58EBE65A06CE012B7CC7215A6B8EB1C6A5E2F03EDCE30BBB8D95225A7C414398D45E46F453311A59394513BDF8EF6259B00631B9C8004772B97B8133834A13F822B201187321EFD4C79ADE','2026-12-05 01:11:16.061283',7,3);
INSERT INTO "vault_keywrapper" VALUES(25,1,X'014B0B462E3673963D4D1B8D056E0A4A5AB4C71FFE867871B7C7DC38BB6E15AAACB9BBA971583DB5D89C1CDDF53CE3F7F7DAE5E5CFB8D51CD3231B3598D3038361DF57547E949C69E4D4421A5153DD019440494480114DC6D512CF5D1720D01815AFA408ADAF7CAF9E9238D5DDF3117A997EEA9D15C6D1BDC8','2026-12-05 01:11:16.076745',7,4);
INSERT INTO "vault_keywrapper" VALUES(26,1,X'0161E28CAB447BC1C8F505CFD3BB274CFB43EA497618007018247B737CFF53A25C99300B759F7E5DBE1CE58F73E0D5A34576731E26ABBEDD642E4A4822870D0CC2F24DB0C378D6767AC5C19056CA81B4D9DD24CE17F151010373416B355E043D7F6278DB46140CDE6C2863C38FC0D5B487FC44159A668EB190','2026-12-05 01:11:16.123501',8,NULL);
INSERT INTO "vault_keywrapper" VALUES(27,1,X'01619B09985C53E7F9F3EC5BD220AB9236942EF03931D138374E4F63D3A3DCA633BE33D20E44C479D2772B296B29981525A9B27F2DEBBD1E2E70119D5072A2841E4135F80F281DF7C52E9A83B63485152609F9BDB30E6F0319F0410890E36C3997536012F47503DC9333C90E56579FCFE953E4A1AF5E6C5294','2026-12-05 01:11:16.123551',8,3);
INSERT INTO "vault_keywrapper" VALUES(28,1,X'0138D7348DBCCED3C3E70488304BC989449F81B9B62F20FDE98987821802DAB858986C352CACE3E5F4C76DED57190DE2B23F1D9B03222A8D95E9BE475F1233A2DC316DFF4EFB50F48A0FF2DFE1D25D3052BB49C9F1793196D325113B8D83E1975CD4C42383E80F96BED2D1CE731ACEAEA1C3EFFAC55F85AD6F','2026-12-05 01:11:16.123571',8,4);
INSERT INTO "vault_keywrapper" VALUES(29,1,X'01363A47679328BE6B7B0D92C096EBF54C1A2DF4A5E65DB40F4AEE1D1EF136B5BEAB3693540A67FA0D2AA9DD4331744C7CBC6AF067248B8659327BECAADAACD0A65CB59828CC7DC206836F077FB0BC05931F8A4A91BB0366DC7BCB6D064006A08A0ACAE3A02C1A0675EE5FD5D594C6ABA5434009B0DF5F94B3','2026-12-05 01:11:18.888559',9,NULL);
INSERT INTO "vault_keywrapper" VALUES(30,1,X'01C221E81BA9AD7089EDC18600AC0E62C93C541694B7AA55CF0A3AC5A6D73077687AFC57C44D8E44B053312E93997DEB005FF88B3BC72542543F5302F4E0547F8C52B7E993408E4BEAFE91222FB56A4E3EAC909FAFF385E5347A5A0744BB0D2AB3947CEB4FADBA160A03E89CF6BFFCD40B4FBAA468C9BE845C','2026-12-05 01:11:18.888604',9,3);
INSERT INTO "vault_keywrapper" VALUES(31,1,X'01381FB1CFFC2A7C406DA7D65B3B65249F8FBCF3B3104A6ED4B63B4BFB06810E9C5644595C4E762DAFE2FE059EBE516832868087FC24DEFF83124D8D734FA4BEC02B84D565AC83AD98233A737926D8AE13C948CDFFDA5F095F9F86BBD9E2D95EC5254F4688F2D70720A5D369A82461440509B7FF9B44AD0609','2026-12-05 01:11:18.888624',9,4);
CREATE TABLE "vault_organisationkeyring" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "signing_public" BLOB NOT NULL, "signing_secret_sealed" BLOB NOT NULL, "intake_public" BLOB NOT NULL, "recovery_public" BLOB NOT NULL, "created_at" datetime NOT NULL, "organisation_id" bigint NOT NULL UNIQUE REFERENCES "accounts_organisation" ("id") DEFERRABLE INITIALLY DEFERRED, "intake_secret_for_recovery" BLOB NOT NULL);
INSERT INTO "vault_organisationkeyring" VALUES(1,X'ADA1584ABE662BE9A30BAAD650065B12DA963B640181E0AB3EBBB2E138AB6B6B',X'01094F58143405C4C853EEA4A135BF9D84B7AE77BF6FC1E15016BFD1BE6EA2E8BE0F0D3BA93388988649806EE05E9C14D9A021B3D7820D335F18790AE8410261A6B8EAA69D3FAACF4A',X'39C035646DF37481EB1E534C2B63AAE951B22912DBAD96CDADAFD3D33EE78302',X'75C5656439DA6DD7C286227678FD3377FB3C5E2B0746AEAC67C97640ED6A695B','2026-12-05 01:11:11.099133',1,X'1F0ECCF99B3682F967FC1B9E9C8D719C8A083774C81352B9A0CB7D307317F63D1257E1B66D0C1BADCEA93BB27465ADD0374F79ABB7A57554CE3E7C42AEBD638730909A57496CE157F6274D2139CA1FF4');
CREATE TABLE "vault_staffkey" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "public" BLOB NOT NULL, "password_salt" BLOB NOT NULL, "kdf_opslimit" integer unsigned NOT NULL CHECK ("kdf_opslimit" >= 0), "kdf_memlimit" bigint unsigned NOT NULL CHECK ("kdf_memlimit" >= 0), "sealed_by_password" BLOB NOT NULL, "sealed_by_recovery" BLOB NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "staff_id" bigint NOT NULL UNIQUE REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "vault_staffkey" VALUES(1,X'E5E1A9DD1697D6D6D9AB7FE94833B21C344C91B328FC678DB48691D2BFEA0D45',X'5FC380957F0624D25474D27CE1D174B2',3,67108864,X'01865521338F7887F854AADAF2F4F0F30ED4285D22E9BC2FC5E4DCF9645CFDA20221FBA05732EE98BD2C78C5EAB87782A6A0A032197825B2DBC21BCF79ADA8687220A3BE47F057E8A8',X'01B7E87EB46CBAA62DF13A6BCF4EE765C54D3934B5E11DCAEC3A52BA3933340D4DB711C443A0AE7740812B74B79E2301D38A0542AF8372BEF040FCCBAAFBFDCC2568E89BF7CE025D0F','2026-12-05 01:11:11.901181','2026-12-05 01:11:11.901220',1);
INSERT INTO "vault_staffkey" VALUES(2,X'FEE9D6D972649ECFBED8C0262ED1F1E1AF00C817CF04B62F591A0338EAA36111',X'87B8756160FB1DD4214E6333771F6EB7',3,67108864,X'01622B9D2EE7BE65B6B72E5B49EF42BA045B79CC1108D2983F5F465BFA44D1580640844AC776F70BE49741563C2EAFB19A0E7D3D324051AEAE2E2D5CB358EC41BB275F3EF9E7866D9A',X'0186F12B2F574B986AF2D8A4C49647449B8110A87439D28EE1BC61941A2D23141BBA13071E52F508285140466EA7A494A56E2015755EF01E066A191543DBE62651C8111260C1F8406F','2026-12-05 01:11:12.717719','2026-12-05 01:11:12.717762',2);
INSERT INTO "vault_staffkey" VALUES(3,X'D8C31217284846DE37E6D22B1569EE35585D62CD6877D9CA1099C2900784E24B',X'F228489E904455F91260163DA5E0E239',3,67108864,X'01C1C56334957F5D667863D061C1E13E1960FC128D206DB57540B36BEFB6E7CD3DEDADD9AE5E6A23985D6D84DD44DE426DE8EF79170CDC976019BCABE9B998749C659578FDAFE91873',X'01DFD04D3D6B16A2BC536292252A50CDA1B195CDA9817B95680824B87CDCFA4A29DD9F4940EF0557FD79CCD839CFD25D8ABBFB91E70B0E44E5D5C3C371CB07D6485CC107DD60AF58B5','2026-12-05 01:11:13.617631','2026-12-05 01:11:13.617669',3);
INSERT INTO "vault_staffkey" VALUES(4,X'4CE40E396B505C5676C006528DFC7FDD72985739DE662218354BFBB6BB8B0B3C',X'E293F18151500AE219EB3950F5CD836A',3,67108864,X'0169F901463B4375FEC2326040E3D49FBBE17BB56A714094D21C14B8A3EA92CD07CED76E18F653432073D39C8CB05EF6BC3C544D0F4AA7057666B63A0A0F6FEDAF0CF87982D70ACA92',X'0151D2F311B274129750B0BA86D3DFF84BD1712D41AEDAA731D29CA54B8F85B626B87A5F7277E061802A56F85F33736AA9D80560FE9349CDFD9085D36BF488FBA53E7C87E35015F9D8','2026-12-05 01:11:14.431624','2026-12-05 01:11:14.431662',4);
INSERT INTO "vault_staffkey" VALUES(5,X'61932FA5B0C151CB5D53D1BA6AD918D3B4D7BC0B77325EECB9D2B66068EF8C72',X'6EAB146999451B9E41A18483739D7815',3,67108864,X'013C85AD526092306C06952647A48601A1D68E63AED244C8E89764901322F15CC35D087975F399891CB06E43C4D66C3DE5174C702C3DFC6F3EB0F56F874C55A0E4EDB162159EF36B24',X'01F04CBDAF8FADB3E6418566A8FA03447AEED75C4119ED3F66DD16A0549DA6540F1A529703B8DE348FB6FE6F5824B2006A26F13634FA1DB096EE9CEAE9DEDF2E058A6C3B9756CB1F64','2026-12-05 01:11:15.392919','2026-12-05 01:11:15.392960',5);
CREATE TABLE "vetting_attestation" ("id" char(32) NOT NULL PRIMARY KEY, "issued_at" datetime NOT NULL, "valid_until" date NOT NULL, "key_id" varchar(16) NOT NULL, "revoked_at" datetime NULL, "revoked_reason" varchar(20) NOT NULL, "sealed_statement" BLOB NOT NULL, "issued_by_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "vetting_id" bigint NOT NULL REFERENCES "vetting_vetting" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "vetting_attestation" VALUES('ba656fb09ec64c72a38d14b75ec0c7d5','2026-12-05 01:11:19.741458','2036-12-02','a70d5e3670c5c751',NULL,'',X'01D2A0267023DFF41525AA5DCE38794C21D810A31C7FBA5E9107FC5D2DE8397712F3266F77F83C009EB12AFB70D1B607365A86979239B974D04108739DA9D6099663C68F136CD557CA99D959E77E7B4DD5DAC91B0947F2B429F6064DCE81FE50E44C499B927B074DC71E5EE1020351DE4C623C5F1D2F237E3F444B6022C63623D2579BB49512534A3C7CBDDE2405759D894814DE0AD2EE423812E75CB05210BD005A47EBB8EA4E1DCE2C523CEA7101AB6CC48614825154F38629D04015E1D0F4E3B5DE08CE883EF4A21C923DDD85F04A09C4423033DE0A77E33F7784E77F297ECC7B17E42DD1ED8A3FE75B171827D4D017877E60F0E8D30F93A35FD6AEC5C9FF5F0134C31F936CC54191550154CE6CE04A86C3AC1A081DA9B29A92F46CC5921B8DF67FF3A6BE23DF6BAC7DF7E5C364584FCB30A2BFFEE3D4A5AA4758C0DA5F6868E1E0496860B6316A4A8A234173B015702578BFF5AFA03F684D73911A80AB3F9AA246B998D2A537677435A5DC638A923010B9171EAB37D0EAC8BBB38801B9199B9FC6E78FF0398185FE3D5C87888D696C5FD40E9D15C24776DBE13D0BE87407123AE7DCBFE27695919CB4FCC507633B2C98F8AAFFF43AACF78955FEEA9844E0ABD57BFCDCF193591BCE731B4E49A4E48A361C60B9E9AF160F409C302C3E0767862EEA0144C3935E656B7AB84EB9A6FA9B66F7114DA5D2D80AF18D65D1B7676313BAB57ECEE911734D1AA504918C6B14708C9DCB608350915ACCC8186AD267BF0CDE3BFF2665EA3E64D00E109724ECB7237FD6D939F770296A94901D5667372D49424073C75815BEDAA2A754F6727198A90F2F49C25EFDC4B012DC2F25921D698C92ACAC732653992144CD9B619E5BDC3DBBDB11DC9612746563C39AFABB3162F856983E9E853FF0FA313922D3D6117287A0CF1D921BC2C161F6C7388BAF799C0A86EF6699D0FB287BCB0FBD27413AFEDA616B8BF672F3DA2BEF6C958DC2E5BF8DB3E16029FDAC5D9B652806033768889F86D181D3690C54D553CE6440A66468D4F4D3301A2BA43739BC8DABAD5D6141EE9496D0947FB27C0947B1FDC4B5B6EA488E38C189272999759302A018046BB45AD599E062397611AFF9B0621B2CD1F847DCF926402033EB5C4524B66AF25F3745B0A2034C727F02F4B720B450789EA46E0AD8D73DD5195F6952935BA10D54BDB05A6558AEA2682FE07976C8562C00D8C11AC1BD44A53F44ABBD65D0BC9B85C1D6B711F8CE62EE144AC1BC78260DBA7477BB4AF28A47EA55977010C084A842BF66DDEB4BFAAE0C331DC843',1,1);
CREATE TABLE "vetting_checklistanswer" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "item" varchar(24) NOT NULL, "answered_at" datetime NOT NULL, "answer" BLOB NULL, "reasoning" BLOB NULL, "answered_by_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "vetting_id" bigint NOT NULL REFERENCES "vetting_vetting" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "checklist_item_once" UNIQUE ("vetting_id", "item"));
INSERT INTO "vetting_checklistanswer" VALUES(1,'6080a5a28b194b45b9a67999405250a5','unit_presence','2026-12-05 01:11:16.167928',X'00000001011A1668BCB74C292A1A0282EFE2BFCC5BD41D21BE72114C20DD37AFBEE0365AF1E786D1220454BD1BBC635E7F22028C4A4C3D',X'0000000101F9F5412751BF2A8D18CC70A9287869FE023D7BD0A7C69DEBEC311BB31C8F2D13A9712A1476F7CC0C3BF4F597F6616718B9E3AB280FED781678839DCC268D5FF53BDFF230',3,1);
INSERT INTO "vetting_checklistanswer" VALUES(2,'1c5bf382ba7b4a86b9292549d16af65e','role_rank','2026-12-05 01:11:16.170131',X'00000001010AC54E692E56DE708EA2739CDC5EA032E2FAA571F005DBD2C963336B29A9C59B57F5B02D092F262B865FCE3318AD5E3BC8B9',X'00000001018268814BF9B4F2D2D958AB55CE343ADA948250261F27479A66112668300FD3911BEFEF11511810BE50CAD1C1E1F8A7A49958816416E6175C855730270932B8D0E440897C',3,1);
CREATE TABLE "vetting_claim" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "topic" varchar(12) NOT NULL, "subject" BLOB NULL, "statement" BLOB NULL, "status" BLOB NULL, "interview_id" bigint NOT NULL REFERENCES "vetting_interview" ("id") DEFERRABLE INITIALLY DEFERRED, "vetting_id" bigint NOT NULL REFERENCES "vetting_vetting" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "vetting_claim_evidence" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "claim_id" bigint NOT NULL REFERENCES "vetting_claim" ("id") DEFERRABLE INITIALLY DEFERRED, "evidence_id" bigint NOT NULL REFERENCES "vetting_evidence" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "vetting_conclusion" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "round" integer unsigned NOT NULL CHECK ("round" >= 0), "recorded_at" datetime NOT NULL, "conclusion" BLOB NULL, "confidence" BLOB NULL, "reasoning" BLOB NULL, "vetter_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "vetting_id" bigint NOT NULL REFERENCES "vetting_vetting" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "one_conclusion_per_round" UNIQUE ("vetting_id", "vetter_id", "round"));
INSERT INTO "vetting_conclusion" VALUES(1,'efe2f7ad62574da88bfe5193790b9c72',1,'2026-12-05 01:11:18.990160',X'0000000101670CF6B0BF408CAADF88FEAFE79C748B8707E480761850BD038CCACC39DBE354EE7A9264338D65DBB03B4868EAD9427B2A833E67AA',X'00000001017A1ED9AF3BB77D5F489D792DBFCA8FB61348DFB6DBC2D7A88EA1816BA7848848032AF9A24AB51F95028F00B2',X'000000010125975B4EBB628500645287152A3BD6570834EA8AE5DF6FC2DDA69E2543F21588CF3B857C67074E0BCD6CB6AA49E08762B56A1A45AE6E916EF5841591616B8931D640CA39F0',3,1);
INSERT INTO "vetting_conclusion" VALUES(2,'bf359f8e7f1249898e10485b479e6212',1,'2026-12-05 01:11:19.009684',X'000000010114914D438FB39466B848AA089D45CEAA46E183A66E45E20A1C885B9067C1BBCBE62282396BE15900E07C3639486DBF77B3F92C58B8',X'00000001012834A9758E6C431883149E7D8C66E93698B0A9B3867C839ACDA7136B63E9D366E0FA80AC3F5F6A37A10E60F0FC42',X'0000000101F1D290ECDA02DFF017CFBB281AF0F24EDD97BB4086F0EDA9B19AC33AFE38E5503806E5BBF33018B053E80ED8ED8A40A261660269CEA5570C09D101876E6FE08AEB4B',4,1);
CREATE TABLE "vetting_conflictdeclaration" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "has_conflict" bool NOT NULL, "declared_at" datetime NOT NULL, "note" BLOB NULL, "vetter_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "vetting_id" bigint NOT NULL REFERENCES "vetting_vetting" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "conflict_once" UNIQUE ("vetting_id", "vetter_id"));
INSERT INTO "vetting_conflictdeclaration" VALUES(1,'86dd33adfd4246309059632d686bd5c1',0,'2026-12-05 01:11:16.155834',NULL,3,1);
INSERT INTO "vetting_conflictdeclaration" VALUES(2,'8b57275138c147cdbb64748e1821881b',0,'2026-12-05 01:11:16.165295',NULL,4,1);
CREATE TABLE "vetting_evidence" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "kind" varchar(20) NOT NULL, "retention_date" date NOT NULL, "added_at" datetime NOT NULL, "title" BLOB NULL, "description" BLOB NULL, "source_address" BLOB NULL, "captured_on" BLOB NULL, "content_hash" BLOB NULL, "added_by_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "vetting_id" bigint NOT NULL REFERENCES "vetting_vetting" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "vetting_evidence" VALUES(1,'2213a82d6cbe4bffabda126998b6339f','document_copy','2029-12-04','2026-12-05 01:11:18.864969',X'000000010197F9A7062930FAAD3FD78356EE06F86690484C126733C07A74269FB72C8B57131C14F0B508588F9F2415BBC41FBC3F24B1F41A96772E9AE5BE5D2CDF650B',X'000000010197CD78CE9A2F78AA18162DC0464E8794C1AE81EBA97B4F97EEE8CFB5C06A3383B16D5E221055E3D5DDEC6987AEFDFB86F82E557C06035C74554395CEAD74A290E8B58A0EB9652590D9E2C76D',NULL,NULL,X'0000000101F9F80632DB2AC3F76FFE006EC081DF61F92C2865055534F5DE986AA994960F222B2FB1DBFEE9064D7857452A6695FA191C49C37FFD19AD65CE10DACFA6E7F6963D89FCECC492E6B382E430DBCDF117BBC9096FF61211B3515BA498097C4DE4CFE971A1C92CB0E530',3,1);
CREATE TABLE "vetting_interview" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "held_on" BLOB NULL, "notes" BLOB NULL, "created_at" datetime NOT NULL, "held_by_id" bigint NOT NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED, "vetting_id" bigint NOT NULL REFERENCES "vetting_vetting" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "vetting_interview" VALUES(1,'f209f0618ae649998b58d317889dc327',X'000000010130CBD470D34F36564123966B1ED3E7F20292557EFCF9150D1166FC2DA75F74E3FC40E17246C8DCEDBF6390757329DECBCF95',X'0000000101D51FE6B216FCDD896DCD731FB57948C347E8BA0682A2A15093D476AC5E5470C345FFC7B45AF4B97FC85FD6938D1393AC05D24C50B69982','2026-12-05 01:11:16.147833',3,1);
INSERT INTO "vetting_interview" VALUES(2,'8e62642045ae4bf6a6c14a53565c7407',X'000000010111B524537ECD354E2E2223288C5C4AD19C0DF7919C9BD3E6981623EAA673370B233476C5DE191F4C09C6120BB2550F909720',X'000000010155195E4025883A163D10DAAC1FDF5CB62D44A3C9892BBF1841871F3A5715C4886DD642275A5CE210BB89CED494D56D00C2CFDE1354B3F5','2026-12-05 01:11:16.162658',4,1);
CREATE TABLE "vetting_signingcertificate" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "sealed_private_key" BLOB NOT NULL, "certificate_pem" text NOT NULL, "created_at" datetime NOT NULL, "organisation_id" bigint NOT NULL UNIQUE REFERENCES "accounts_organisation" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "vetting_signingcertificate" VALUES(1,X'01BA199F672A9FC7786AD108419364C755A49BADAF14EF4084EF0959834EC0B3C3A77A9FA02FD873C1418EDC9FB3410B1EAE4BBEEBD4109C7C609BF5DD13F988A2C8A9E517255796A788EE03393B0588EBA70D6444BB1856FACCF2D9D103E9164D14339936B6F524A38B557B361A2915E47E4EC93428EA6BF2211BD49D23357E4D5B20020D2D13A124120924F416D5A2456BC8269C08D1E00756C63C1047291A5FDFB08EBE0BCD20B3C8F580376869C8940FEE','-----BEGIN CERTIFICATE-----
MIIB6TCCAY+gAwIBAgIUG06iA6tIp0M83hUJMzmfTugZqXYwCgYIKoZIzj0EAwIw
VDEoMCYGA1UECgwfRml4dHVyZSBvcmdhbmlzYXRpb24gKGludmVudGVkKTEoMCYG
A1UEAwwfRml4dHVyZSBvcmdhbmlzYXRpb24gKGludmVudGVkKTAeFw0yNjEyMDUw
MDExMTlaFw0zNjEyMDIwMDExMTlaMFQxKDAmBgNVBAoMH0ZpeHR1cmUgb3JnYW5p
c2F0aW9uIChpbnZlbnRlZCkxKDAmBgNVBAMMH0ZpeHR1cmUgb3JnYW5pc2F0aW9u
IChpbnZlbnRlZCkwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQw37S66vzMAzxb
WczTaEzPHC4PLUNi+a2Gd5XMIriz3GL6Vt9F9H00d7sqh10XL8FbpUkjvJONUImb
adg25tZloz8wPTAMBgNVHRMBAf8EAjAAMA4GA1UdDwEB/wQEAwIGwDAdBgNVHQ4E
FgQUUb8bUhU361dYWDTmJMV2zUAwudowCgYIKoZIzj0EAwIDSAAwRQIgFieVWaIO
ohtfotzG/XJGKiPa9Kv8t88Gx1JeQ4VyRtcCIQD4HJXoox6hOZKapm1SoBCQnrsa
sHAW5kpNLR+aXF2BQw==
-----END CERTIFICATE-----
','2026-12-05 01:11:19.148150',1);
CREATE TABLE "vetting_vetting" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "seal_id" char(32) NOT NULL UNIQUE, "round" integer unsigned NOT NULL CHECK ("round" >= 0), "outcome" varchar(20) NOT NULL, "decided_at" datetime NULL, "assessors" smallint unsigned NOT NULL CHECK ("assessors" >= 0), "created_at" datetime NOT NULL, "rationale" BLOB NULL, "case_id" bigint NOT NULL UNIQUE REFERENCES "cases_case" ("id") DEFERRABLE INITIALLY DEFERRED, "decided_by_id" bigint NULL REFERENCES "accounts_staff" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "vetting_vetting" VALUES(1,'f0d77d0908394d7ab7e126a1456c9b00',1,'no_indication','2026-12-05 01:11:19.102816',2,'2026-12-05 01:11:16.099727',X'0000000101EBEA09E299B5170DC087BC1876D6C442394FF9C26399AE4FCBD3834F8A52A18BD405B0E9D190801B9B66F6F46448C2',7,3);
CREATE INDEX "accounts_staff_organisation_id_70a8e45c" ON "accounts_staff" ("organisation_id");
CREATE INDEX "accounts_passkey_user_id_f8f562b4" ON "accounts_passkey" ("user_id");
CREATE INDEX "accounts_recoverycodes_user_id_7b4ede08" ON "accounts_recoverycodes" ("user_id");
CREATE INDEX "accounts_staffsession_expire_date_c73234c2" ON "accounts_staffsession" ("expire_date");
CREATE INDEX "accounts_staffsession_staff_id_d11b6086" ON "accounts_staffsession" ("staff_id");
CREATE INDEX "accounts_staff_team_id_510190ac" ON "accounts_staff" ("team_id");
CREATE INDEX "accounts_team_organisation_id_6c9deeb6" ON "accounts_team" ("organisation_id");
CREATE INDEX "accounts_invitation_organisation_id_b7f9480b" ON "accounts_invitation" ("organisation_id");
CREATE INDEX "accounts_invitation_team_id_a42a47a0" ON "accounts_invitation" ("team_id");
CREATE INDEX "accounts_invitation_created_by_id_e6097355" ON "accounts_invitation" ("created_by_id");
CREATE INDEX "audit_auditentry_at_09f867ec" ON "audit_auditentry" ("at");
CREATE INDEX "audit_auditentry_actor_id_8ab278be" ON "audit_auditentry" ("actor_id");
CREATE INDEX "audit_auditentry_action_dee621eb" ON "audit_auditentry" ("action");
CREATE INDEX "audit_auditentry_target_ref_082ab8d5" ON "audit_auditentry" ("target_ref");
CREATE INDEX "audit_target_idx" ON "audit_auditentry" ("target_type", "target_ref");
CREATE UNIQUE INDEX "django_content_type_app_label_model_76bd3d3b_uniq" ON "django_content_type" ("app_label", "model");
CREATE UNIQUE INDEX "auth_group_permissions_group_id_permission_id_0cd325b0_uniq" ON "auth_group_permissions" ("group_id", "permission_id");
CREATE INDEX "auth_group_permissions_group_id_b120cbf9" ON "auth_group_permissions" ("group_id");
CREATE INDEX "auth_group_permissions_permission_id_84c5c92e" ON "auth_group_permissions" ("permission_id");
CREATE UNIQUE INDEX "auth_permission_content_type_id_codename_01ab375a_uniq" ON "auth_permission" ("content_type_id", "codename");
CREATE INDEX "auth_permission_content_type_id_2f476e4b" ON "auth_permission" ("content_type_id");
CREATE INDEX "case_stage_idx" ON "cases_case" ("stage");
CREATE INDEX "cases_case_created_by_id_91d115ec" ON "cases_case" ("created_by_id");
CREATE INDEX "cases_case_organisation_id_dac38ff3" ON "cases_case" ("organisation_id");
CREATE INDEX "cases_case_team_id_60679476" ON "cases_case" ("team_id");
CREATE INDEX "cases_case_country_id_ce18dcae" ON "cases_case" ("country_id");
CREATE INDEX "cases_checkin_by_id_1a024a39" ON "cases_checkin" ("by_id");
CREATE INDEX "cases_checkin_case_id_780f4bef" ON "cases_checkin" ("case_id");
CREATE INDEX "cases_criminalcase_case_id_473f366a" ON "cases_criminalcase" ("case_id");
CREATE INDEX "cases_importdraft_staff_id_fd964a33" ON "cases_importdraft" ("staff_id");
CREATE INDEX "cases_note_by_id_5cbc67aa" ON "cases_note" ("by_id");
CREATE INDEX "cases_note_case_id_77ee1e2a" ON "cases_note" ("case_id");
CREATE INDEX "cases_notification_staff_id_9a8bfccd" ON "cases_notification" ("staff_id");
CREATE INDEX "cases_person_case_id_f23bcf23" ON "cases_person" ("case_id");
CREATE INDEX "cases_documentheld_case_id_b0ba4852" ON "cases_documentheld" ("case_id");
CREATE INDEX "cases_documentheld_person_id_b3b2c260" ON "cases_documentheld" ("person_id");
CREATE INDEX "cases_pressureevent_case_id_af774c4b" ON "cases_pressureevent" ("case_id");
CREATE INDEX "cases_protectiontrack_case_id_ea512ff3" ON "cases_protectiontrack" ("case_id");
CREATE INDEX "cases_serviceperiod_case_id_4eb05291" ON "cases_serviceperiod" ("case_id");
CREATE INDEX "cases_stagechange_by_id_5d817722" ON "cases_stagechange" ("by_id");
CREATE INDEX "cases_stagechange_case_id_616dee37" ON "cases_stagechange" ("case_id");
CREATE INDEX "cases_stay_case_id_9bbfeb06" ON "cases_stay" ("case_id");
CREATE INDEX "cases_task_assignee_id_4e3ad7d1" ON "cases_task" ("assignee_id");
CREATE INDEX "cases_task_case_id_db8cf8f3" ON "cases_task" ("case_id");
CREATE INDEX "cases_assignment_assigned_by_id_6a6ad9f5" ON "cases_assignment" ("assigned_by_id");
CREATE INDEX "cases_assignment_staff_id_160e72f3" ON "cases_assignment" ("staff_id");
CREATE INDEX "cases_assignment_case_id_b0be0e7a" ON "cases_assignment" ("case_id");
CREATE INDEX "assignment_staff_idx" ON "cases_assignment" ("staff_id", "case_id");
CREATE INDEX "cases_alert_staff_id_4ed1889e" ON "cases_alert" ("staff_id");
CREATE INDEX "cases_alert_case_id_b6a04c1f" ON "cases_alert" ("case_id");
CREATE INDEX "alert_staff_due_idx" ON "cases_alert" ("staff_id", "due_on");
CREATE INDEX "intake_message_author_id_6a067496" ON "intake_message" ("author_id");
CREATE INDEX "intake_message_conversation_id_0a280b9a" ON "intake_message" ("conversation_id");
CREATE INDEX "intake_attachment_message_id_3841556e" ON "intake_attachment" ("message_id");
CREATE INDEX "intake_outreachpage_slug_5e6d13a6" ON "intake_outreachpage" ("slug");
CREATE INDEX "intake_outreachpage_updated_by_id_49bc0c3f" ON "intake_outreachpage" ("updated_by_id");
CREATE INDEX "intake_conversation_case_id_ecd96145" ON "intake_conversation" ("case_id");
CREATE INDEX "intake_conv_unread_idx" ON "intake_conversation" ("unread", "last_on");
CREATE INDEX "intake_conv_last_idx" ON "intake_conversation" ("last_on");
CREATE INDEX "otp_totp_totpdevice_user_id_0fb18292" ON "otp_totp_totpdevice" ("user_id");
CREATE INDEX "screening_incidentrecord_incident_list_id_8cde6aef" ON "screening_incidentrecord" ("incident_list_id");
CREATE INDEX "screening_screeningresult_case_id_f8afa637" ON "screening_screeningresult" ("case_id");
CREATE INDEX "screening_screeningresult_reviewed_by_id_e9c10b4e" ON "screening_screeningresult" ("reviewed_by_id");
CREATE INDEX "screening_watchlist_imported_by_id_3f2efdd8" ON "screening_watchlist" ("imported_by_id");
CREATE INDEX "screening_listimport_watch_list_id_f9496320" ON "screening_listimport" ("watch_list_id");
CREATE INDEX "vault_encryptedfile_ring_id_3c3075e8" ON "vault_encryptedfile" ("ring_id");
CREATE UNIQUE INDEX "wrapper_one_recovery_copy" ON "vault_keywrapper" ("ring_id", "version") WHERE "staff_id" IS NULL;
CREATE INDEX "vault_keywrapper_ring_id_becd9c8a" ON "vault_keywrapper" ("ring_id");
CREATE INDEX "vault_keywrapper_staff_id_3777d889" ON "vault_keywrapper" ("staff_id");
CREATE INDEX "keyring_period_idx" ON "vault_keyring" ("period");
CREATE INDEX "vetting_vetting_decided_by_id_1f022c94" ON "vetting_vetting" ("decided_by_id");
CREATE INDEX "vetting_interview_held_by_id_68d31b4a" ON "vetting_interview" ("held_by_id");
CREATE INDEX "vetting_interview_vetting_id_f7e2b733" ON "vetting_interview" ("vetting_id");
CREATE INDEX "vetting_evidence_added_by_id_98d74e6a" ON "vetting_evidence" ("added_by_id");
CREATE INDEX "vetting_evidence_vetting_id_6540b7cf" ON "vetting_evidence" ("vetting_id");
CREATE INDEX "vetting_claim_interview_id_51b7b40d" ON "vetting_claim" ("interview_id");
CREATE INDEX "vetting_claim_vetting_id_37950ee9" ON "vetting_claim" ("vetting_id");
CREATE UNIQUE INDEX "vetting_claim_evidence_claim_id_evidence_id_ff7a6f80_uniq" ON "vetting_claim_evidence" ("claim_id", "evidence_id");
CREATE INDEX "vetting_claim_evidence_claim_id_c801bd2a" ON "vetting_claim_evidence" ("claim_id");
CREATE INDEX "vetting_claim_evidence_evidence_id_216c4ef1" ON "vetting_claim_evidence" ("evidence_id");
CREATE INDEX "vetting_attestation_issued_by_id_af5e8ab5" ON "vetting_attestation" ("issued_by_id");
CREATE INDEX "vetting_attestation_vetting_id_509c4f73" ON "vetting_attestation" ("vetting_id");
CREATE INDEX "vetting_conflictdeclaration_vetter_id_6ec07e18" ON "vetting_conflictdeclaration" ("vetter_id");
CREATE INDEX "vetting_conflictdeclaration_vetting_id_52847f5c" ON "vetting_conflictdeclaration" ("vetting_id");
CREATE INDEX "vetting_conclusion_vetter_id_cb26f8cc" ON "vetting_conclusion" ("vetter_id");
CREATE INDEX "vetting_conclusion_vetting_id_62a5340d" ON "vetting_conclusion" ("vetting_id");
CREATE INDEX "vetting_checklistanswer_answered_by_id_69c1425e" ON "vetting_checklistanswer" ("answered_by_id");
CREATE INDEX "vetting_checklistanswer_vetting_id_7b86df38" ON "vetting_checklistanswer" ("vetting_id");
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('accounts_team',2);
INSERT INTO "sqlite_sequence" VALUES('django_migrations',30);
INSERT INTO "sqlite_sequence" VALUES('accounts_invitation',0);
INSERT INTO "sqlite_sequence" VALUES('django_content_type',61);
INSERT INTO "sqlite_sequence" VALUES('auth_permission',244);
INSERT INTO "sqlite_sequence" VALUES('auth_group',0);
INSERT INTO "sqlite_sequence" VALUES('cases_stayrule',6);
INSERT INTO "sqlite_sequence" VALUES('cases_article',6);
INSERT INTO "sqlite_sequence" VALUES('cases_alertleadtime',6);
INSERT INTO "sqlite_sequence" VALUES('intake_outreachpage',6);
INSERT INTO "sqlite_sequence" VALUES('intake_conversation',1);
INSERT INTO "sqlite_sequence" VALUES('otp_totp_totpdevice',5);
INSERT INTO "sqlite_sequence" VALUES('vault_organisationkeyring',1);
INSERT INTO "sqlite_sequence" VALUES('vault_keyring',9);
INSERT INTO "sqlite_sequence" VALUES('accounts_organisation',1);
INSERT INTO "sqlite_sequence" VALUES('accounts_staff',5);
INSERT INTO "sqlite_sequence" VALUES('vault_staffkey',5);
INSERT INTO "sqlite_sequence" VALUES('vault_intakekeygrant',2);
INSERT INTO "sqlite_sequence" VALUES('cases_case',7);
INSERT INTO "sqlite_sequence" VALUES('vault_keywrapper',31);
INSERT INTO "sqlite_sequence" VALUES('cases_assignment',18);
INSERT INTO "sqlite_sequence" VALUES('cases_person',9);
INSERT INTO "sqlite_sequence" VALUES('cases_serviceperiod',2);
INSERT INTO "sqlite_sequence" VALUES('cases_criminalcase',1);
INSERT INTO "sqlite_sequence" VALUES('cases_pressureevent',1);
INSERT INTO "sqlite_sequence" VALUES('cases_documentheld',1);
INSERT INTO "sqlite_sequence" VALUES('cases_stay',3);
INSERT INTO "sqlite_sequence" VALUES('cases_alert',11);
INSERT INTO "sqlite_sequence" VALUES('cases_task',1);
INSERT INTO "sqlite_sequence" VALUES('cases_stagechange',12);
INSERT INTO "sqlite_sequence" VALUES('cases_note',1);
INSERT INTO "sqlite_sequence" VALUES('cases_protectiontrack',1);
INSERT INTO "sqlite_sequence" VALUES('cases_notification',3);
INSERT INTO "sqlite_sequence" VALUES('vetting_vetting',1);
INSERT INTO "sqlite_sequence" VALUES('vetting_interview',2);
INSERT INTO "sqlite_sequence" VALUES('vetting_conflictdeclaration',2);
INSERT INTO "sqlite_sequence" VALUES('vetting_checklistanswer',2);
INSERT INTO "sqlite_sequence" VALUES('vetting_evidence',1);
INSERT INTO "sqlite_sequence" VALUES('vetting_conclusion',2);
INSERT INTO "sqlite_sequence" VALUES('vetting_signingcertificate',1);
INSERT INTO "sqlite_sequence" VALUES('intake_ratecounter',1);
INSERT INTO "sqlite_sequence" VALUES('intake_message',2);
COMMIT;
