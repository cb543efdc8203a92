/**
 * The demo company: the 设置 document's departments and key people, filled up to each department's headcount
 * (60 in all) with generated staff, so that forms are filled in by many different people.
 */
import type { SettingsSpec } from '../spec/schema';
import type { Rng } from './random';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞',
  '平', '刚', '桂英', '文', '辉', '鑫', '宇', '浩', '婷婷', '欣怡', '子涵', '思远', '晓东', '海燕', '建华', '志强', '雪梅',
  '国庆', '小红', '春燕', '红梅', '玉兰', '亮', '斌', '佳', '琳', '颖', '凯', '鹏', '倩', '慧', '博文', '雨桐', '嘉怡', '一鸣',
];

export function demoSettings(settings: SettingsSpec, rng: Rng): SettingsSpec {
  const taken = new Set(settings.people.map((p) => p.name));
  const people = [...settings.people];
  for (const dept of settings.departments) {
    const have = people.filter((p) => p.department === dept.name).length;
    for (let i = have; i < (dept.headcount ?? have); i++) {
      let name = '';
      for (let guard = 0; guard < 200 && (name === '' || taken.has(name)); guard++) name = rng.pick([...SURNAMES]) + rng.pick(GIVEN);
      taken.add(name);
      people.push({ name, department: dept.name, roles: [] });
    }
  }
  return { ...settings, people };
}
